import type { AuthenticatedUser } from '../auth/index.js';

/** One action an audit raised, as the audit's page lists it. */
export interface AuditActionLine {
  id: number;
  what: string;
  owner: string;
  dueOn: string;
  state: { text: string; classes: string };
  /** "3 days overdue" (red) or "Due in 2 days" (yellow); null when neither. */
  late: { text: string; classes: string } | null;
}

/**
 * What an audit's page needs of the actions it raised, provided by libs/actions (which depends
 * on this feature: audits may not import actions back). Only the actions the reader may read.
 * Absent (a context without the actions feature), the page simply lists none.
 */
export abstract class AuditActionList {
  abstract forAudit(auditId: number, reader: AuthenticatedUser): Promise<AuditActionLine[]>;
}
