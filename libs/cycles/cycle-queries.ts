import type { EntityManager } from 'typeorm';
import { auditedCases, auditorLoads } from '../audits/index.js';
import { openCasesOn } from '../cases/index.js';
import { normaliseName } from '../common/index.js';
import { activeUsersInRoles, type Role, teamsWithLocality } from '../org/index.js';
import { Cycle, type CycleFilter } from './cycle.entity.js';
import type { Auditor } from './rules/allocate-audits.js';

export interface CandidateRow {
  caseId: number;
  caseRef: string;
  teamId: number;
  team: string;
  cohort: string;
  worker: string | null;
  teamManager: string | null;
  lastAuditedMonth: string | null;
}

/**
 * Cases open on the as-of date within the cycle's scope, each with the month it was last
 * audited (withdrawn audits do not count). Each feature reads its own tables: the register
 * its cases, org its teams, audits which cases were audited in which cycle; the months are ours.
 */
export async function loadCandidates(
  m: EntityManager,
  asOf: string,
  filter: CycleFilter,
): Promise<CandidateRow[]> {
  const teams = await teamsWithLocality(m);
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const scoped =
    filter.teams?.length || filter.localities?.length
      ? teams
          .filter((t) => !filter.teams?.length || filter.teams.includes(t.name))
          .filter((t) => !filter.localities?.length || filter.localities.includes(t.localityName ?? ''))
          .map((t) => t.id)
      : undefined;
  const cases = await openCasesOn(m, asOf, { cohorts: filter.cohorts, teamIds: scoped });
  const lastMonth = await lastAuditedMonths(m);
  const candidates: CandidateRow[] = [];
  for (const c of cases) {
    const team = teamName.get(c.teamId);
    if (team === undefined) continue; // a case's team always exists (foreign key); be safe
    candidates.push({ ...c, team, lastAuditedMonth: lastMonth.get(c.caseId) ?? null });
  }
  return candidates;
}

/** The latest month each case was audited in: audits say which cycles, our cycles say which month. */
async function lastAuditedMonths(m: EntityManager): Promise<Map<number, string>> {
  const rows = await m
    .createQueryBuilder()
    .select('au.case_id', 'caseId')
    .addSelect('MAX(cy.month)', 'month')
    .from((sub) => auditedCases(sub), 'au')
    .innerJoin(Cycle, 'cy', 'cy.id = au.cycle_id')
    .groupBy('au.case_id')
    .getRawMany<{ caseId: number | string; month: string }>();
  return new Map(rows.map((r) => [Number(r.caseId), r.month]));
}

/** An auditor as allocation sees them, with the names a preview shows. */
export interface NamedAuditor extends Auditor {
  username: string;
  displayName: string;
}

/** Active users in the given roles, with the audits they still hold open (their load). */
export async function loadAuditors(m: EntityManager, roles: readonly Role[]): Promise<NamedAuditor[]> {
  const [users, loads] = [await activeUsersInRoles(m, roles), await auditorLoads(m)];
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    teamId: u.teamId,
    identities: [normaliseName(u.username), normaliseName(u.displayName)],
    workerKey: u.workerKey,
    openAudits: loads.get(u.id) ?? 0,
  }));
}
