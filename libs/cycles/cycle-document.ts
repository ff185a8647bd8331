import type { EntityManager } from 'typeorm';
import type { CycleContext } from '../../workflows/cycle.machine.js';
import { type Page, type PageRequest, rawPage } from '../common/paging.js';
import { toBoolean } from '../persistence/raw-sql.js';
import type { Cycle } from './cycle.entity.js';
import { type CycleFigures, figuresOf } from './cycle-figures.js';

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

/**
 * What `cycle open` and `cycle show` print, and what the API returns for a cycle. What the draw
 * found (open, eligible, selected, strata) is the cycle's own; the rest of the figures are
 * counted from its audits each time (cycle-figures.ts).
 */
export interface CycleDocument extends CycleFigures {
  id: number;
  kind: string;
  title: string | null;
  month: string;
  asOf: string;
  deadline: string;
  state: string;
  seed: string;
  rate: number;
  count: number | null;
  excludeMonths: number;
  tier3Count: number;
  filter: Cycle['filter'];
  open: number;
  eligible: number;
  selected: number;
  /** How many audits the cycle has; the lines themselves are paged at `GET cycles/:id/audits`. */
  auditCount: number;
  strata: Cycle['strata'];
}

/** What the CLI prints for `cycle show`: the document with every audit line, read unpaged. */
export type CycleWithAudits = CycleDocument & { audits: AuditLine[] };

/**
 * The cycle's document: its own facts and the figures counted from its audits, never the audits
 * themselves (a 96,000-audit cycle was a 25 MB response); they are paged at `GET cycles/:id/audits`.
 */
export async function cycleDocument(m: EntityManager, cycle: Cycle): Promise<CycleDocument> {
  const context = (cycle.snapshot as { context: CycleContext }).context;
  const figures = await figuresOf(m, cycle.id);
  return {
    id: cycle.id,
    kind: cycle.kind,
    title: cycle.title,
    month: cycle.month,
    asOf: cycle.asOf,
    deadline: cycle.deadline,
    state: cycle.state,
    seed: cycle.seed,
    rate: cycle.rate,
    count: cycle.sampleCount,
    excludeMonths: cycle.excludeMonths,
    tier3Count: cycle.tier3Count,
    filter: cycle.filter,
    open: context.open,
    eligible: context.eligible,
    selected: context.selected,
    ...figures,
    auditCount: Object.values(figures.byState).reduce((sum, n) => sum + n, 0),
    strata: cycle.strata,
  };
}

/** One page of the cycle's audits, by team, cohort and case (the audit id breaks ties). */
export function cycleAuditsPage(
  m: EntityManager,
  cycleId: number,
  page: PageRequest,
): Promise<Page<AuditLine>> {
  return rawPage(m, auditLines(m, cycleId), page, toAuditLine);
}

/** Every audit line of a cycle, for the operator's CLI, which prints the whole cycle. */
export async function allCycleAudits(m: EntityManager, cycleId: number): Promise<AuditLine[]> {
  return (await auditLines(m, cycleId).getRawMany<AuditLine>()).map(toAuditLine);
}

function auditLines(m: EntityManager, cycleId: number) {
  return m
    .createQueryBuilder()
    .select([
      'a.id AS "auditId"',
      'c.case_ref AS "caseRef"',
      't.name AS "team"',
      'a.cohort_code AS "cohort"',
      'u.display_name AS "auditor"',
      'u.username AS "auditorUsername"',
      'u.role AS "auditorRole"',
      'a.tier AS "tier"',
      'a.state AS "state"',
      'a.recently_audited AS "recentlyAudited"',
      'a.unallocated_reason AS "unallocatedReason"',
    ])
    .from('audits', 'a')
    .innerJoin('cases', 'c', 'c.id = a.case_id')
    .innerJoin('teams', 't', 't.id = a.team_id')
    .leftJoin('users', 'u', 'u.id = a.auditor_id')
    .where('a.cycle_id = :id', { id: cycleId })
    .orderBy('t.name')
    .addOrderBy('a.cohort_code')
    .addOrderBy('c.case_ref')
    .addOrderBy('a.id');
}

function toAuditLine(row: AuditLine): AuditLine {
  return {
    ...row,
    auditId: Number(row.auditId),
    tier: Number(row.tier),
    recentlyAudited: toBoolean(row.recentlyAudited) ?? false,
  };
}
