import type { EntityManager } from 'typeorm';
import type { CycleContext } from '../../workflows/cycle.machine.js';
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
  strata: Cycle['strata'];
  audits: AuditLine[];
}

export async function cycleDocument(m: EntityManager, cycle: Cycle): Promise<CycleDocument> {
  const context = (cycle.snapshot as { context: CycleContext }).context;
  const rows = await m
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
    .where('a.cycle_id = :id', { id: cycle.id })
    .orderBy('t.name')
    .addOrderBy('a.cohort_code')
    .addOrderBy('c.case_ref')
    .getRawMany<AuditLine>();
  const audits = rows.map((r) => ({
    ...r,
    auditId: Number(r.auditId),
    tier: Number(r.tier),
    recentlyAudited: toBoolean(r.recentlyAudited) ?? false,
  }));
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
    ...(await figuresOf(m, cycle.id)),
    strata: cycle.strata,
    audits,
  };
}
