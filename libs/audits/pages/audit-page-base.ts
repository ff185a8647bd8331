import type { Response } from 'express';
import type { AuthenticatedUser } from '../../auth/index.js';
import { DomainError, ErrorCode } from '../../common/index.js';
import {
  type FieldMap,
  type FormErrors,
  formErrorsFrom,
  type PageView,
  redirectAfterPost,
  renderPage,
} from '../../web/index.js';
import { auditStateTag, type StateTag } from '../audit-state-labels.js';
import type { AuditViewService } from '../audit-view.service.js';
import { auditorActions, type AuditorActions, type AuditShown } from './audit-page.view.js';

/** What every page of one audit shows: the audit, what its reader may do, its state in words. */
export interface AuditPageView extends PageView {
  audit: AuditShown;
  actions: AuditorActions;
  stateTag: StateTag;
  base: string;
}

export async function auditPage(
  views: AuditViewService,
  id: number,
  user: AuthenticatedUser,
): Promise<Omit<AuditPageView, 'pageTitle'>> {
  const audit = await views.show(id, user);
  return {
    audit,
    actions: auditorActions(audit, user),
    stateTag: auditStateTag(audit.state),
    base: `/audits/${id}`,
  };
}

const CONFLICTS = new Set([ErrorCode.Conflict, ErrorCode.IllegalTransition, ErrorCode.StaleUpdate]);

/**
 * A refused command as the form's errors, and the status to answer with (409 for a conflict,
 * 422 for input). An event the audit's state does not allow is said in words the auditor knows.
 */
export function refusal(
  error: unknown,
  map: FieldMap,
  fallbackId: string,
): { errors: FormErrors; status: number } {
  let problem = error;
  if (error instanceof DomainError && error.code === ErrorCode.IllegalTransition) {
    const state = auditStateTag(String(error.details.state ?? '')).text.toLowerCase();
    problem = new DomainError(
      ErrorCode.IllegalTransition,
      `That cannot be done now: the audit is ${state}. Go back to the audit to see what it needs next`,
    );
  }
  const errors = formErrorsFrom(problem, map, fallbackId);
  const status = error instanceof DomainError && CONFLICTS.has(error.code) ? 409 : 422;
  return { errors, status };
}

/** A refusal the page finds before calling the service (a question left unanswered). */
export function isRefusal(error: unknown): error is DomainError {
  return (
    error instanceof DomainError && error.code !== ErrorCode.NotFound && error.code !== ErrorCode.Forbidden
  );
}

export function render<T extends PageView>(response: Response, view: string, model: T, status = 200): void {
  renderPage(response, `audits/views/${view}.njk`, model, status);
}

/** The hidden version field: a whole number, or 0, which no audit has (so a stale 409). */
export function postedVersion(form: Record<string, unknown>): number {
  const value = typeof form.version === 'string' && /^\d{1,9}$/.test(form.version) ? Number(form.version) : 0;
  return value;
}

export { redirectAfterPost };
