import { type AuditEvent, AuditTag, auditMachine } from '../../../workflows/audit.machine.js';
import { statesTagged } from '../../../workflows/state-tags.js';

/**
 * What may change in an audit, part by part, in each state; above all after it is submitted,
 * when the case team, moderators and the improvement board read it as the record.
 *
 * - `draft`: the auditor's work in progress, before submission. Each save replaces the last;
 *   nobody but the auditor reads it, and the transitions (finish grading, reopen, submit) say
 *   when it was judged.
 * - `recorded`: the change is accepted, and the audit's history gets a row saying who changed
 *   what, and when, holding whatever the change replaced (the earlier feedback, discussion or
 *   auditor), so every earlier version can be read again.
 * - `refused`: 409, naming the state; the record is left as it was.
 */
export type ChangeRule = 'draft' | 'recorded' | 'refused';

/** The parts of an audit that a write can change. */
export const AUDIT_PARTS = [
  /** Grades and evidence, compliance, improved, the overall grade and rationale, proposed actions. */
  'grading',
  'discussion',
  'familyFeedback',
  'escalation',
  'moderation',
  'allocation',
  'withdrawal',
] as const;
export type AuditPart = (typeof AUDIT_PARTS)[number];

/**
 * Each part is changed by a machine event (allowed where the machine takes it, so the machine
 * stays the one list), or, for the feedback that is no step of the audit, in the states tagged
 * for it. The grading draft is saved only while grading can still be finished: after FINISH_GRADING
 * it is changed only by reopening (a history row), and after submission never.
 */
const CHANGED_BY: Record<AuditPart, { event: AuditEvent['type'] } | { tag: string }> = {
  grading: { event: 'FINISH_GRADING' },
  discussion: { event: 'RECORD_DISCUSSION' },
  familyFeedback: { tag: AuditTag.TakesFamilyFeedback },
  escalation: { event: 'ESCALATE' },
  moderation: { event: 'MODERATE' },
  allocation: { event: 'ALLOCATE' },
  withdrawal: { event: 'WITHDRAW' },
};

const WHEN_ALLOWED: Record<AuditPart, Exclude<ChangeRule, 'refused'>> = {
  grading: 'draft',
  discussion: 'recorded',
  familyFeedback: 'recorded',
  escalation: 'recorded',
  moderation: 'recorded',
  allocation: 'recorded',
  withdrawal: 'recorded',
};

/** Whether `part` may change while the audit is in `state`, and how the change is kept. */
export function changeRule(part: AuditPart, state: string): ChangeRule {
  const by = CHANGED_BY[part];
  const allowed =
    'event' in by
      ? (auditMachine.states[state]?.ownEvents.includes(by.event) ?? false)
      : statesTagged(auditMachine, by.tag).includes(state);
  return allowed ? WHEN_ALLOWED[part] : 'refused';
}

/** The states in which `part` may change at all. */
export function statesChanging(part: AuditPart): string[] {
  return Object.keys(auditMachine.states).filter((state) => changeRule(part, state) !== 'refused');
}
