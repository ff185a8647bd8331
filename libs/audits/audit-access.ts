import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { normaliseName } from '../cycles/rules/conflict-of-interest.js';
import { Role } from '../org/role.js';

/** What access decisions need to know about one audit. */
export interface AuditAccessFacts {
  state: string;
  auditorId: number | null;
  moderatorId: number | null;
  teamId: number;
  localityId: number | null;
  worker: string | null;
}

/**
 * Once submitted, the case's own team manager and social worker may read the audit. The one list
 * of those states: the access check below and the case team's SQL lists (`my/case-audits`) both
 * read it, so deriving it from the audit machine's state tags is a change here alone.
 */
export const CASE_TEAM_READABLE_STATES: readonly string[] = [
  'submitted',
  'inModeration',
  'completed',
  'closed',
];
const VISIBLE_TO_CASE_TEAM = new Set(CASE_TEAM_READABLE_STATES);

export type AuditAccess = 'full' | 'case-team' | 'none';

/**
 * Who may read an audit: its auditor and moderator; heads of service for their locality; the
 * director and administrators everywhere; the case's team manager and social worker once it is
 * submitted. Anyone else, the case team before submission included, may not even learn that it
 * exists ("none", the same 404 as a missing audit): a 403 would tell the team an audit is under way.
 */
export function auditAccess(user: AuthenticatedUser, audit: AuditAccessFacts): AuditAccess {
  if (user.role === Role.Administrator || user.role === Role.Director) return 'full';
  if (user.id === audit.auditorId || user.id === audit.moderatorId) return 'full';
  if (user.role === Role.HeadOfService && user.localityId !== null && user.localityId === audit.localityId) {
    return 'full';
  }
  const managesTeam = user.role === Role.TeamManager && user.teamId === audit.teamId;
  const holdsCase = user.role === Role.SocialWorker && isCaseWorker(user, audit.worker);
  if ((managesTeam || holdsCase) && VISIBLE_TO_CASE_TEAM.has(audit.state)) return 'case-team';
  return 'none';
}

/** Whether the register names this user as the case's worker (by username or display name). */
export function isCaseWorker(
  user: Pick<AuthenticatedUser, 'username' | 'displayName'>,
  worker: string | null,
) {
  const name = normaliseName(worker);
  return name !== '' && [normaliseName(user.username), normaliseName(user.displayName)].includes(name);
}
