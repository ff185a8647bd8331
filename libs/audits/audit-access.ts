import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuditTag, auditMachine } from '../../workflows/audit.machine.js';
import { statesTagged } from '../../workflows/state-tags.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { REGISTER_SQL as R } from '../cases/index.js';
import { ORG_SQL as O, Role } from '../org/index.js';

/** What access decisions need to know about one audit. */
export interface AuditAccessFacts {
  state: string;
  auditorId: number | null;
  moderatorId: number | null;
  teamId: number;
  localityId: number | null;
  /** The user whose worker key is the case's (users.worker_key = cases.worker_key), if any. */
  caseWorkerId: number | null;
}

/**
 * Once submitted, the case's own team manager and social worker may read the audit: the states
 * tagged visibleToCaseTeam on the audit machine.
 */
export const CASE_TEAM_READABLE_STATES: readonly string[] = statesTagged(
  auditMachine,
  AuditTag.VisibleToCaseTeam,
);
const VISIBLE_TO_CASE_TEAM = new Set(CASE_TEAM_READABLE_STATES);

export type AuditAccess = 'full' | 'case-team' | 'none';

/**
 * One way a user may read audits, said twice in one place: as a test of one audit's facts (the
 * single-record routes) and as an SQL condition on the audits table (alias `a`) for every list,
 * filter and count. Both halves of a grant sit side by side so they cannot drift apart.
 */
interface ReadGrant {
  access: Exclude<AuditAccess, 'none'>;
  holds: (audit: AuditAccessFacts) => boolean;
  sql: string;
}

/** Parameter names of the SQL halves: prefixed so that no list's own parameters collide. */
export interface ReadScopeParams {
  scopeUser: number;
  scopeTeam: number;
  scopeLocality: number;
  scopeCaseTeamStates: readonly string[];
}

const CASE_TEAM_STATE = 'a.state IN (:...scopeCaseTeamStates)';

/**
 * Who may read an audit: its auditor and moderator; heads of service for their locality; the
 * director and administrators everywhere; the case's team manager and social worker once it is
 * submitted (the worker by the register's worker key, never by a name). Anyone else, the case
 * team before submission included, may not even learn that it exists: not one by one (the same
 * 404 as a missing audit), and not in any list or count.
 */
function readGrants(user: AuthenticatedUser): ReadGrant[] {
  if (user.role === Role.Administrator || user.role === Role.Director) {
    return [{ access: 'full', holds: () => true, sql: '1 = 1' }];
  }
  const grants: ReadGrant[] = [
    { access: 'full', holds: (a) => a.auditorId === user.id, sql: 'a.auditor_id = :scopeUser' },
    { access: 'full', holds: (a) => a.moderatorId === user.id, sql: 'a.moderator_id = :scopeUser' },
  ];
  if (user.role === Role.HeadOfService && user.localityId !== null) {
    grants.push({
      access: 'full',
      holds: (a) => a.localityId === user.localityId,
      sql: `a.team_id IN (SELECT lt.${O.teamId} FROM ${O.teams} lt WHERE lt.${O.teamLocalityId} = :scopeLocality)`,
    });
  }
  if (user.role === Role.TeamManager && user.teamId !== null) {
    grants.push({
      access: 'case-team',
      holds: (a) => a.teamId === user.teamId && VISIBLE_TO_CASE_TEAM.has(a.state),
      sql: `(a.team_id = :scopeTeam AND ${CASE_TEAM_STATE})`,
    });
  }
  if (user.role === Role.SocialWorker) {
    grants.push({
      access: 'case-team',
      holds: (a) => a.caseWorkerId === user.id && VISIBLE_TO_CASE_TEAM.has(a.state),
      sql: `(${CASE_TEAM_STATE} AND a.case_id IN (SELECT wc.${R.id} FROM ${R.cases} wc
        JOIN ${O.users} wu ON wu.${O.userWorkerKey} = wc.${R.workerKey} WHERE wu.${O.userId} = :scopeUser))`,
    });
  }
  return grants;
}

/** How much of the audit the user may read ("none": not even that it exists). */
export function auditAccess(user: AuthenticatedUser, audit: AuditAccessFacts): AuditAccess {
  const grants = readGrants(user).filter((grant) => grant.holds(audit));
  if (grants.length === 0) return 'none';
  return grants.some((grant) => grant.access === 'full') ? 'full' : 'case-team';
}

/** The audits (alias `a`) the user may read, as an SQL condition and its parameters. */
export function auditReadScope(user: AuthenticatedUser): { sql: string; params: ReadScopeParams } {
  const grants = readGrants(user);
  return {
    sql: `(${grants.map((grant) => grant.sql).join(' OR ')})`,
    params: {
      scopeUser: user.id,
      scopeTeam: user.teamId ?? -1,
      scopeLocality: user.localityId ?? -1,
      scopeCaseTeamStates: CASE_TEAM_READABLE_STATES,
    },
  };
}

/** Whether the user reads every audit (their lists and counts are the council's). */
export function readsEveryAudit(user: AuthenticatedUser | null): boolean {
  return user === null || user.role === Role.Administrator || user.role === Role.Director;
}

/**
 * Narrows a query over audits (alias `a`) to those the user may read; `null` is the operator's
 * CLI, which reads everything. Call it after the query's own `where`, which would replace it.
 */
export function readableBy<Q extends SelectQueryBuilder<ObjectLiteral>>(
  query: Q,
  user: AuthenticatedUser | null,
): Q {
  if (user === null) return query;
  const scope = auditReadScope(user);
  query.andWhere(scope.sql, { ...scope.params });
  return query;
}
