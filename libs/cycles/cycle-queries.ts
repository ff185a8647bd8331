import type { EntityManager } from 'typeorm';
import { OPEN_AUDIT_STATES } from '../../workflows/audit.machine.js';
import { Audit } from '../audits/audit.entity.js';
import { Cycle, type CycleFilter } from './cycle.entity.js';
import type { Auditor } from './rules/allocate-audits.js';
import { normaliseName } from '../common/normalise-name.js';

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
 * audited (withdrawn audits do not count). One query; the latest-audit month is aggregated in SQL.
 */
export async function loadCandidates(
  m: EntityManager,
  asOf: string,
  filter: CycleFilter,
): Promise<CandidateRow[]> {
  const query = m
    .createQueryBuilder()
    .select([
      'c.id AS "caseId"',
      'c.case_ref AS "caseRef"',
      'c.team_id AS "teamId"',
      't.name AS "team"',
      'c.cohort_code AS "cohort"',
      'c.worker AS "worker"',
      'c.team_manager AS "teamManager"',
      'la.last_month AS "lastAuditedMonth"',
    ])
    .from('cases', 'c')
    .innerJoin('teams', 't', 't.id = c.team_id')
    .leftJoin('localities', 'l', 'l.id = t.locality_id')
    .leftJoin(
      (sub) =>
        sub
          .select('a.case_id', 'case_id')
          .addSelect('MAX(cy.month)', 'last_month')
          .from(Audit, 'a')
          .innerJoin(Cycle, 'cy', 'cy.id = a.cycle_id')
          .where("a.state <> 'withdrawn'")
          .groupBy('a.case_id'),
      'la',
      'la.case_id = c.id',
    )
    .where('c.opened_on <= :asOf AND (c.closed_on IS NULL OR c.closed_on > :asOf)', { asOf });
  if (filter.cohorts?.length) query.andWhere('c.cohort_code IN (:...cohorts)', { cohorts: filter.cohorts });
  if (filter.teams?.length) query.andWhere('t.name IN (:...teams)', { teams: filter.teams });
  if (filter.localities?.length)
    query.andWhere('l.name IN (:...localities)', { localities: filter.localities });
  const rows = await query.getRawMany<CandidateRow>();
  return rows.map((r) => ({ ...r, caseId: Number(r.caseId), teamId: Number(r.teamId) }));
}

/** Active users in the given roles, with the audits they still hold open (their load). */
export async function loadAuditors(m: EntityManager, roles: readonly string[]): Promise<Auditor[]> {
  const rows = await m
    .createQueryBuilder()
    .select([
      'u.id AS "id"',
      'u.username AS "username"',
      'u.display_name AS "displayName"',
      'u.role AS "role"',
      'u.team_id AS "teamId"',
      'COALESCE(load.open_audits, 0) AS "openAudits"',
    ])
    .from('users', 'u')
    .leftJoin(
      (sub) =>
        sub
          .select('a.auditor_id', 'auditor_id')
          .addSelect('COUNT(*)', 'open_audits')
          .from(Audit, 'a')
          .where('a.state IN (:...open)', { open: OPEN_AUDIT_STATES })
          .groupBy('a.auditor_id'),
      'load',
      'load.auditor_id = u.id',
    )
    .where('u.active = :active AND u.role IN (:...roles)', { active: true, roles })
    .orderBy('u.id')
    .getRawMany<{
      id: number;
      username: string;
      displayName: string;
      role: string;
      teamId: number | null;
      openAudits: number;
    }>();
  return rows.map((r) => ({
    id: Number(r.id),
    role: r.role,
    teamId: r.teamId === null ? null : Number(r.teamId),
    identities: [normaliseName(r.username), normaliseName(r.displayName)],
    openAudits: Number(r.openAudits),
  }));
}
