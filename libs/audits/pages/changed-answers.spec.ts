import type { AuditDraft } from '../../../workflows/audit-draft.js';
import { sameAnswers } from './changed-answers.js';
import { valuesFromDraft } from './grading-form.js';

const stored: AuditDraft = {
  domains: { plan: { grade: 'good', evidence: 'Seen' }, voice: { grade: 'outstanding' } },
  compliance: { gp: 'met' },
  improved: 'yes',
  overall: { grade: 'good', rationale: 'Steady' },
  actions: [{ what: 'Write a plan', owner: 'Team manager', dueOn: '2027-01-31' }],
};

describe('sameAnswers: a finished grading saved unchanged is not reopened', () => {
  const posted = () => valuesFromDraft(stored);

  it('is the same when the form says what the draft says, in any key order, a date typed without zeros', () => {
    const values = posted();
    values.domains = {
      voice: { grade: 'outstanding', evidence: '' },
      plan: { grade: 'good', evidence: 'Seen' },
    };
    values.actions = [
      {
        what: 'Write a plan',
        why: '',
        domainKey: '',
        ownerId: '',
        owner: 'Team manager',
        successMeasure: '',
        day: '31',
        month: '1',
        year: '2027',
      },
    ];
    expect(sameAnswers(stored, values)).toBe(true);
  });

  it.each<[string, (v: ReturnType<typeof posted>) => void]>([
    ['a grade', (v) => (v.domains.plan.grade = 'inadequate')],
    ['evidence', (v) => (v.domains.plan.evidence = 'Seen twice')],
    ['a compliance answer', (v) => (v.compliance.gp = 'not_met')],
    ['the improvement', (v) => (v.improved = 'no')],
    ['the rationale', (v) => (v.overall.rationale = 'Drifting')],
    ['an action’s due date', (v) => (v.actions[0].day = '30')],
    ['an action removed', (v) => (v.actions = [])],
  ])('is not the same when %s changes', (_what, change) => {
    const values = posted();
    change(values);
    expect(sameAnswers(stored, values)).toBe(false);
  });
});
