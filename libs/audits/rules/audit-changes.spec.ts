import { auditMachine } from '../../../workflows/audit.machine.js';
import { AUDIT_PARTS, type AuditPart, changeRule, type ChangeRule, statesChanging } from './audit-changes.js';

const D: ChangeRule = 'draft';
const R: ChangeRule = 'recorded';
const x: ChangeRule = 'refused';

/**
 * The decision, whole: a row per state, a column per part. A new state or a machine change that
 * lets a part change somewhere new fails here until this table (and the README) says so.
 */
// prettier-ignore
const TABLE: Record<string, Record<AuditPart, ChangeRule>> = {
  //                  grading    discussion   familyFeedback   escalation   moderation   allocation   withdrawal
  unallocated:        { grading: x, discussion: x, familyFeedback: x, escalation: x, moderation: x, allocation: R, withdrawal: R },
  allocated:          { grading: x, discussion: x, familyFeedback: x, escalation: x, moderation: x, allocation: R, withdrawal: R },
  inProgress:         { grading: D, discussion: x, familyFeedback: R, escalation: R, moderation: x, allocation: x, withdrawal: R },
  awaitingDiscussion: { grading: x, discussion: R, familyFeedback: R, escalation: R, moderation: x, allocation: x, withdrawal: x },
  submitted:          { grading: x, discussion: x, familyFeedback: R, escalation: x, moderation: x, allocation: x, withdrawal: x },
  inModeration:       { grading: x, discussion: x, familyFeedback: R, escalation: x, moderation: R, allocation: x, withdrawal: x },
  completed:          { grading: x, discussion: x, familyFeedback: R, escalation: x, moderation: x, allocation: x, withdrawal: x },
  closed:             { grading: x, discussion: x, familyFeedback: x, escalation: x, moderation: x, allocation: x, withdrawal: x },
  withdrawn:          { grading: x, discussion: x, familyFeedback: x, escalation: x, moderation: x, allocation: x, withdrawal: x },
};

const SUBMITTED_OR_LATER = ['submitted', 'inModeration', 'completed', 'closed'];

describe('changeRule: what may change in an audit, by state', () => {
  it('has a row for every state of the audit machine', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(auditMachine.states).sort());
  });

  const cells = Object.entries(TABLE).flatMap(([state, row]) =>
    AUDIT_PARTS.map((part) => [state, part, row[part]] as const),
  );
  it.each(cells)('%s: %s is %s', (state, part, expected) => {
    expect(changeRule(part, state)).toBe(expected);
  });

  it('has no draft after submission: from then on every change is refused or recorded', () => {
    const drafts = SUBMITTED_OR_LATER.flatMap((state) =>
      AUDIT_PARTS.filter((part) => changeRule(part, state) === 'draft').map((part) => `${state}: ${part}`),
    );
    expect(drafts).toEqual([]);
  });

  it('lets only the family feedback and the moderation change after submission', () => {
    const changing = SUBMITTED_OR_LATER.flatMap((state) =>
      AUDIT_PARTS.filter((part) => changeRule(part, state) !== 'refused'),
    );
    expect([...new Set(changing)].sort()).toEqual(['familyFeedback', 'moderation']);
  });

  it('refuses every part in an unknown state', () => {
    for (const part of AUDIT_PARTS) expect(changeRule(part, 'noSuchState')).toBe('refused');
  });

  it('lists the states a part may change in', () => {
    expect(statesChanging('familyFeedback')).toEqual([
      'inProgress',
      'awaitingDiscussion',
      'submitted',
      'inModeration',
      'completed',
    ]);
    expect(statesChanging('grading')).toEqual(['inProgress']);
  });
});
