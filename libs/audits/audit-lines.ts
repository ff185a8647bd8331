import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { toBoolean } from '../persistence/index.js';
import { auditMachine } from '../../workflows/audit.machine.js';
import { Audit } from './audit.entity.js';
import { REGISTER_SQL as R } from '../cases/index.js';
import { ORG_SQL as O } from '../org/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { readableBy } from './audit-access.js';

/** One audit of a cycle as the cycle document lists it. */
export interface AuditLine {
  auditId: number;
  caseRef: string;
  team: string;
  cohort: string;
  auditor: string | null;
  auditorUsername: string | null;
  auditorRole: string | null;
  tier: number;
  state: string;
  recentlyAudited: boolean;
  unallocatedReason: string | null;
}

/** Every audit state, in the machine's order. */
export const AUDIT_STATES = Object.keys(auditMachine.states);

/** The states in which an administrator may give the audit to someone else (the machine takes ALLOCATE). */
export const REALLOCATABLE_STATES = Object.entries(auditMachine.states)
  .filter(([, node]) => node.ownEvents.includes('ALLOCATE'))
  .map(([state]) => state);

/** What a cycle's list of audits may be narrowed to. */
export interface AuditLineFilter {
  state?: string;
  team?: string;
  /** Part of a case reference, in any case: `cin-10` finds CIN-1001. */
  caseRef?: string;
}

/** The case reference search as a LIKE over the lower-cased reference, its own % and _ taken literally. */
function caseRefCondition(caseRef: string): [string, { caseRefPattern: string }] {
  const escaped = caseRef
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`);
  return [`LOWER(a.case_ref) LIKE :caseRefPattern ESCAPE '\\'`, { caseRefPattern: `%${escaped}%` }];
}

/**
 * A cycle's audits by case reference (the audit id breaks ties), for paging: the order of the
 * index on (cycle_id, case_ref, id), so a page reads its 25 rows and not the whole cycle. Only
 * the audits `reader` may read (null: the operator's CLI, everything).
 */
export function auditLinesQuery(
  m: EntityManager,
  cycleId: number,
  filter: AuditLineFilter,
  reader: AuthenticatedUser | null,
): SelectQueryBuilder<ObjectLiteral> {
  const query = m
    .createQueryBuilder()
    .select([
      'a.id AS "auditId"',
      'a.case_ref AS "caseRef"',
      `t.${O.teamName} AS "team"`,
      'a.cohort_code AS "cohort"',
      `u.${O.userDisplayName} AS "auditor"`,
      `u.${O.userUsername} AS "auditorUsername"`,
      `u.${O.userRole} AS "auditorRole"`,
      'a.tier AS "tier"',
      'a.state AS "state"',
      'a.recently_audited AS "recentlyAudited"',
      'a.unallocated_reason AS "unallocatedReason"',
    ])
    .from(Audit, 'a')
    .innerJoin(O.teams, 't', `t.${O.teamId} = a.team_id`)
    .leftJoin(O.users, 'u', `u.${O.userId} = a.auditor_id`)
    .where('a.cycle_id = :cycleId', { cycleId })
    .orderBy('a.case_ref')
    .addOrderBy('a.id');
  if (filter.state) query.andWhere('a.state = :state', { state: filter.state });
  if (filter.team) query.andWhere(`t.${O.teamName} = :team`, { team: filter.team });
  if (filter.caseRef) query.andWhere(...caseRefCondition(filter.caseRef));
  return readableBy(query, reader);
}

/** How many audits `auditLinesQuery` lists, counted on the audits' own indexes. */
export function auditLinesCountQuery(
  m: EntityManager,
  cycleId: number,
  filter: AuditLineFilter,
  reader: AuthenticatedUser | null,
): SelectQueryBuilder<ObjectLiteral> {
  const query = m
    .createQueryBuilder()
    .select('COUNT(*)', 'n')
    .from(Audit, 'a')
    .where('a.cycle_id = :cycleId', { cycleId });
  if (filter.state) query.andWhere('a.state = :state', { state: filter.state });
  if (filter.team) {
    query
      .innerJoin(O.teams, 't', `t.${O.teamId} = a.team_id`)
      .andWhere(`t.${O.teamName} = :team`, { team: filter.team });
  }
  if (filter.caseRef) query.andWhere(...caseRefCondition(filter.caseRef));
  return readableBy(query, reader);
}

/** A raw audit line as the entity-free shape (SQLite hands back 0/1 and text numbers). */
export function toAuditLine(row: AuditLine): AuditLine {
  return {
    ...row,
    auditId: Number(row.auditId),
    tier: Number(row.tier),
    recentlyAudited: toBoolean(row.recentlyAudited) ?? false,
  };
}

/** Every audit line of a cycle, unpaged (the operator's CLI prints the whole cycle). */
export async function auditLinesOf(m: EntityManager, cycleId: number): Promise<AuditLine[]> {
  return (await auditLinesQuery(m, cycleId, {}, null).getRawMany<AuditLine>()).map(toAuditLine);
}

/**
 * A subquery of the audits a person has been given (and may read, as every list) (auditId, cycleId, caseRef, team, cohort,
 * tier, state): the caller joins its cycles to order and page them.
 */
export function auditsAllocatedToQuery(
  sub: SelectQueryBuilder<ObjectLiteral>,
  user: AuthenticatedUser,
): SelectQueryBuilder<ObjectLiteral> {
  const query = auditsWithCaseAndTeam(sub, ['a.tier AS "tier"']);
  return readableBy(query.where('a.auditor_id = :userId', { userId: user.id }), user);
}

/**
 * Audits (alias a) joined to their case (c) and team (t), selecting what every list of audits
 * shows (auditId, cycleId, caseRef, team, cohort, state) and the caller's `extra` columns.
 */
export function auditsWithCaseAndTeam(
  query: SelectQueryBuilder<ObjectLiteral>,
  extra: string[] = [],
): SelectQueryBuilder<ObjectLiteral> {
  return query
    .select([
      'a.id AS "auditId"',
      'a.cycle_id AS "cycleId"',
      `c.${R.caseRef} AS "caseRef"`,
      `t.${O.teamName} AS "team"`,
      'a.cohort_code AS "cohort"',
      'a.state AS "state"',
      ...extra,
    ])
    .from(Audit, 'a')
    .innerJoin(R.cases, 'c', `c.${R.id} = a.case_id`)
    .innerJoin(O.teams, 't', `t.${O.teamId} = a.team_id`);
}
