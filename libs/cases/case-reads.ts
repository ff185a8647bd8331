import type { EntityManager } from 'typeorm';
import { Case } from './case.entity.js';

/** An open case as selection sees it. */
export interface OpenCaseRow {
  caseId: number;
  caseRef: string;
  teamId: number;
  cohort: string;
  worker: string | null;
  workerKey: string | null;
  teamManager: string | null;
}

/** Cases open on `asOf` (opened by then, not closed by then), optionally of some cohorts or teams. */
export async function openCasesOn(
  m: EntityManager,
  asOf: string,
  filter: { cohorts?: readonly string[]; teamIds?: readonly number[] } = {},
): Promise<OpenCaseRow[]> {
  const query = m
    .createQueryBuilder()
    .select([
      'c.id AS "caseId"',
      'c.case_ref AS "caseRef"',
      'c.team_id AS "teamId"',
      'c.cohort_code AS "cohort"',
      'c.worker AS "worker"',
      'c.worker_key AS "workerKey"',
      'c.team_manager AS "teamManager"',
    ])
    .from(Case, 'c')
    .where('c.opened_on <= :asOf AND (c.closed_on IS NULL OR c.closed_on > :asOf)', { asOf });
  if (filter.cohorts?.length) query.andWhere('c.cohort_code IN (:...cohorts)', { cohorts: filter.cohorts });
  if (filter.teamIds) {
    if (filter.teamIds.length === 0) return [];
    query.andWhere('c.team_id IN (:...teamIds)', { teamIds: filter.teamIds });
  }
  const rows = await query.getRawMany<OpenCaseRow>();
  for (const r of rows) {
    r.caseId = Number(r.caseId);
    r.teamId = Number(r.teamId);
  }
  return rows;
}

export interface CaseForAllocationRow {
  id: number;
  caseRef: string;
  worker: string | null;
  workerKey: string | null;
  teamManager: string | null;
}

/** What a conflict-of-interest check needs of one case; throws when there is none. */
export async function caseForAllocation(m: EntityManager, id: number): Promise<CaseForAllocationRow> {
  const c = await m.findOneByOrFail(Case, { id });
  return {
    id: c.id,
    caseRef: c.caseRef,
    worker: c.worker,
    workerKey: c.workerKey,
    teamManager: c.teamManager,
  };
}
