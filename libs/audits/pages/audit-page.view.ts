import type { AuditDraft } from '../../../workflows/audit-draft.js';
import { GRADE_LABELS, type Grade } from '../../../workflows/audit-tool-definition.js';
import { gradingProblems } from '../../../workflows/rules/grading-problems.js';
import type { AuthenticatedUser } from '../../auth/index.js';
import type { AuditViewService } from '../audit-view.service.js';
import { auditStateTag, type StateTag } from '../audit-state-labels.js';
import { changeRule } from '../rules/audit-changes.js';
import type { GradingTool } from './grading-form.js';
import { actorInWords } from '../../web/index.js';

/** The audit as the API's `GET audits/:id` answers it. */
export type AuditShown = Awaited<ReturnType<AuditViewService['show']>>;

export const GRADE_ITEMS = (Object.entries(GRADE_LABELS) as [Grade, string][]).map(([value, text]) => ({
  value,
  text,
}));
export const COMPLIANCE_ITEMS = [
  { value: 'met', text: 'Met' },
  { value: 'not_met', text: 'Not met' },
  { value: 'not_applicable', text: 'Not applicable' },
];
export const IMPROVED_ITEMS = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
  { value: 'too_early', text: 'Too early to say' },
];
export const AGREEMENT_ITEMS = [
  { value: 'agrees', text: 'Agrees with the findings' },
  { value: 'partly', text: 'Partly agrees' },
  { value: 'disagrees', text: 'Disagrees' },
];

const label = (items: { value: string; text: string }[], value: unknown) =>
  items.find((i) => i.value === value)?.text ?? '';
export const answerLabel = (value: unknown) => label(COMPLIANCE_ITEMS, value);
export const improvedLabel = (value: unknown) => label(IMPROVED_ITEMS, value);
export const agreementLabel = (value: unknown) => label(AGREEMENT_ITEMS, value);

/** What the auditor may do now: each is a command the machine accepts in this state. */
export interface AuditorActions {
  start: boolean;
  grade: boolean;
  escalate: boolean;
  reopen: boolean;
  discuss: boolean;
  feedback: boolean;
  submit: boolean;
}

const NONE: AuditorActions = {
  start: false,
  grade: false,
  escalate: false,
  reopen: false,
  discuss: false,
  feedback: false,
  submit: false,
};

/** Only the allocated auditor changes the audit; everyone else reads it. */
export function auditorActions(
  audit: Pick<AuditShown, 'state' | 'auditor'>,
  user: AuthenticatedUser,
): AuditorActions {
  if (audit.auditor?.id !== user.id) return NONE;
  // Feedback may arrive late: whether it may still be recorded is the change rule's to say.
  const feedback = changeRule('familyFeedback', audit.state) !== 'refused';
  switch (audit.state) {
    case 'allocated':
      return { ...NONE, start: true };
    case 'inProgress':
      return { ...NONE, grade: true, escalate: true, feedback };
    case 'awaitingDiscussion':
      return { ...NONE, escalate: true, reopen: true, discuss: true, feedback, submit: true };
    case 'submitted':
    case 'inModeration':
    case 'completed':
      return { ...NONE, feedback };
    default:
      return NONE;
  }
}

export interface Task {
  title: string;
  href: string | null;
  hint?: string;
  status: { text: string; tag?: string };
  id: string;
}

/** The task list of the audit's overview, for its auditor. */
export function auditTasks(audit: AuditShown, actions: AuditorActions): Task[] {
  const base = `/audits/${audit.id}`;
  const tool = audit.tool as GradingTool | null;
  const draft = (audit.draft ?? {}) as AuditDraft;
  const escalations = audit.escalations.length;
  const graded = audit.state !== 'inProgress' && audit.state !== 'allocated';
  const left = tool && !graded ? gradingProblems({ ...tool }, audit.cohort, draft, escalations).length : 0;
  const started = Object.keys(draft.domains ?? {}).length > 0 || Boolean(draft.overall?.grade);
  const status = (text: string, tag?: string) => ({ text, tag });
  // A discussion held before the grades were changed is kept, but must be recorded again.
  const discussed = audit.discussionRecorded;
  return [
    {
      id: 'task-grading',
      title: 'Grade the case',
      href: actions.grade ? `${base}/grading` : null,
      hint: actions.grade && left > 0 ? `${left} thing${left === 1 ? '' : 's'} left to answer` : undefined,
      status: graded
        ? status('Completed')
        : !actions.grade
          ? status('Cannot start yet')
          : left === 0
            ? status('Ready to finish', 'govuk-tag--blue')
            : started
              ? status('In progress', 'govuk-tag--light-blue')
              : status('Not started', 'govuk-tag--blue'),
    },
    {
      id: 'task-escalation',
      title: 'Flag unsafe practice (if you found any)',
      href: actions.escalate ? `${base}/escalation` : null,
      status:
        escalations > 0
          ? status(`${escalations} flagged`, 'govuk-tag--red')
          : actions.escalate
            ? status('Optional', 'govuk-tag--grey')
            : status('Cannot start yet'),
    },
    {
      id: 'task-discussion',
      title: 'Record the discussion with the social worker',
      href: actions.discuss ? `${base}/discussion` : null,
      status: discussed
        ? status('Completed')
        : actions.discuss
          ? status(audit.discussion ? 'Record it again' : 'Not started', 'govuk-tag--blue')
          : status('Cannot start yet'),
    },
    {
      id: 'task-feedback',
      title: 'Feedback from the child or family',
      href: actions.feedback ? `${base}/feedback` : null,
      status: audit.familyFeedback
        ? status('Completed')
        : actions.feedback
          ? status('Optional', 'govuk-tag--grey')
          : status('Cannot start yet'),
    },
    {
      id: 'task-check',
      title: 'Check your answers and submit',
      href: actions.submit && discussed ? `${base}/check` : null,
      status:
        actions.submit && discussed ? status('Not started', 'govuk-tag--blue') : status('Cannot start yet'),
    },
  ];
}

export interface GradeLine {
  key: string;
  title: string;
  grade: string | null;
  evidence: string | null;
  moderatorGrade: string | null;
}

/** Each domain's grade: the stored grades once submitted, else the auditor's draft. */
export function gradeLines(audit: AuditShown): GradeLine[] {
  const domains = (audit.tool?.domains ?? []) as GradingTool['domains'];
  const draft = (audit.draft ?? {}) as AuditDraft;
  const stored = (source: string, key: string) =>
    audit.grades.find((g) => g.source === source && g.domainKey === key);
  return domains.map(({ key, title }) => {
    const auditor = stored('auditor', key);
    return {
      key,
      title,
      grade: auditor?.grade ?? draft.domains?.[key]?.grade ?? null,
      evidence: auditor?.evidence ?? draft.domains?.[key]?.evidence ?? null,
      moderatorGrade: stored('moderator', key)?.grade ?? null,
    };
  });
}

export interface TimelineItem {
  title: string;
  by: string;
  at: string;
  /** The reason typed for the change (a reallocation, a withdrawal), when one was. */
  reason: string | null;
}

const EVENTS: Record<string, string> = {
  ALLOCATE: 'Allocated to an auditor',
  REALLOCATE: 'Given to another auditor',
  START: 'Audit started',
  FINISH_GRADING: 'Grading finished',
  REOPEN: 'Grading reopened',
  RECORD_DISCUSSION: 'Discussion with the social worker recorded',
  ESCALATE: 'Unsafe practice flagged',
  SUBMIT: 'Submitted',
  SEND_TO_MODERATION: 'Sent to a moderator',
  CONFIRM: 'Grades confirmed without moderation',
  MODERATE: 'Moderated',
  WITHDRAW: 'Withdrawn',
  CLOSE: 'Closed: every action is done',
};

/** The audit's history for the MOJ timeline, newest first. */
export function timeline(history: AuditShown['history']): TimelineItem[] {
  return [...history].reverse().map((row) => {
    const event = String(row.event ?? '');
    const detail: { reason?: unknown; fromAuditorId?: unknown } = row.detail ?? {};
    // A reallocation is the audit's ALLOCATE from one auditor to another.
    const reallocated = event === 'ALLOCATE' && detail.fromAuditorId != null;
    return {
      title: reallocated
        ? EVENTS.REALLOCATE
        : (EVENTS[event] ??
          (event ? humanEvent(event) : `Now ${auditStateTag(String(row.toState)).text.toLowerCase()}`)),
      by: actorInWords(String(row.actorLabel ?? '')),
      at: String(row.at ?? ''),
      reason: typeof detail.reason === 'string' ? detail.reason : null,
    };
  });
}

// History names people `username (role)`: one helper (libs/web) writes the role in words.
export { actorInWords };

function humanEvent(event: string): string {
  const words = event.replace(/[_.]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function stateTagOf(state: string): StateTag {
  return auditStateTag(state);
}
