import type { Response } from 'express';
import type { AuthenticatedUser } from '../../auth/index.js';
import { DomainError, ErrorCode } from '../../common/index.js';
import type { FormErrors } from '../../web/index.js';
import {
  answerLabel,
  agreementLabel,
  auditTasks,
  gradeLines,
  type GradeLine,
  improvedLabel,
  type Task,
} from './audit-page.view.js';
import { type AuditPageView, refusal, render } from './audit-page-base.js';
import {
  CHANGE_EVENTS,
  changesOf,
  type EarlierLine,
  historyItems,
  type PartChange,
} from './earlier-versions.js';

export interface AuditOverviewView extends AuditPageView {
  tasks: Task[];
  grades: GradeLine[];
  compliance: { question: string; answer: string }[];
  improved: string;
  agreement: string;
  history: ReturnType<typeof historyItems>;
  /** Changes that replaced an earlier version, newest first, shown beside the part itself. */
  changes: { familyFeedback: PartChange[]; discussion: PartChange[] };
  notice: string | null;
  /** A refused post's typed answers, not saved, shown so that they are not lost. */
  unsaved: EarlierLine[];
}

/** The audit's overview page: the record, the auditor's tasks and the history. */
export function renderOverview(
  response: Response,
  page: Omit<AuditPageView, 'pageTitle'>,
  errors: FormErrors | null,
  status: number,
  notice: string | null = null,
  unsaved: EarlierLine[] = [],
): void {
  const { audit } = page;
  const items = (audit.tool?.compliance ?? []) as { key: string; question: string }[];
  const answers = new Map(audit.compliance.map((c) => [c.itemKey, c.answer]));
  const draft = (audit.draft ?? {}) as { compliance?: Record<string, string>; improved?: string };
  render<AuditOverviewView>(
    response,
    'audit',
    {
      ...page,
      pageTitle: `Audit of case ${audit.caseRef}`,
      errors,
      notice,
      unsaved,
      tasks: auditTasks(audit, page.actions),
      grades: gradeLines(audit),
      compliance: items.map((i) => ({
        question: i.question,
        answer: answerLabel(answers.get(i.key) ?? draft.compliance?.[i.key]),
      })),
      improved: improvedLabel(audit.improved ?? draft.improved),
      agreement: agreementLabel(audit.discussion?.agreement),
      history: historyItems(audit.history),
      changes: {
        familyFeedback: changesOf(audit.history, CHANGE_EVENTS.familyFeedback),
        discussion: changesOf(audit.history, CHANGE_EVENTS.discussion),
      },
    },
    status,
  );
}

/**
 * A form its reader cannot use in the audit's state. Asked for (GET), it goes back to the audit;
 * posted and refused, the refusal is said on the audit's overview, in the error summary, with a
 * 409 (the state does not allow the change) and what was typed shown back: never a silent
 * redirect that looks like success, never a 500.
 */
export function formNotOpen(
  response: Response,
  page: Omit<AuditPageView, 'pageTitle'>,
  /** The post's refusal; null for a GET. */
  refused: FormErrors | null,
  /** What the person typed, shown back so that nothing they wrote is lost with the refusal. */
  typed: EarlierLine[] = [],
): void {
  if (!refused) return response.redirect(303, page.base);
  // Whatever else was wrong with the post (a blank box), the state is why it cannot be saved.
  // Said by the state's name as its tag shows it: "Draft" is too early, "Closed" too late.
  const state = page.stateTag.text;
  const summary = [
    {
      text: `Nothing was saved: this cannot be done while the audit is “${state}”`,
      href: '#audit-state',
    },
  ];
  renderOverview(response, page, { summary, fields: {} }, 409, null, typed);
}

/**
 * The refusal a page finds before calling the service (it cannot read the form without the
 * audit's tool): the service's own answer, 403 for anyone but the auditor, else 409 naming the state.
 */
export function notOpen(
  page: Omit<AuditPageView, 'pageTitle'>,
  user: AuthenticatedUser,
  event: string,
): FormErrors {
  if (page.audit.auditor?.id !== user.id) {
    throw new DomainError(ErrorCode.Forbidden, 'only the allocated auditor can change this audit');
  }
  const illegal = DomainError.illegalTransition('audit', page.audit.state, event);
  return refusal(illegal, { idFor: () => undefined }, 'audit-state').errors;
}
