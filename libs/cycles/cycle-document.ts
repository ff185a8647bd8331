import type { EntityManager } from 'typeorm';
import type { CycleContext } from '../../workflows/cycle.machine.js';
import {
  type AuditLine,
  type AuditLineFilter,
  auditLinesOf,
  auditLinesCountQuery,
  auditLinesQuery,
  type CycleFigures,
  figuresOf,
  toAuditLine,
} from '../audits/index.js';
import { type Page, type PageRequest, rawPage } from '../common/index.js';
import type { Cycle } from './cycle.entity.js';

export type { AuditLine };

/**
 * What `cycle open` and `cycle show` print, and what the API returns for a cycle. What the draw
 * found (open, eligible, selected, strata) is the cycle's own; the rest of the figures are
 * counted from its audits each time (libs/audits/cycle-figures.ts).
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
    auditCount: auditCountOf(figures),
    strata: cycle.strata,
  };
}

/** Every audit of the cycle, whatever its state. */
export function auditCountOf(figures: CycleFigures): number {
  return Object.values(figures.byState).reduce((sum, n) => sum + n, 0);
}

/** One page of the cycle's audits, by case reference (the audit id breaks ties). */
export function cycleAuditsPage(
  m: EntityManager,
  cycleId: number,
  page: PageRequest,
  filter: AuditLineFilter = {},
): Promise<Page<AuditLine>> {
  return rawPage(
    m,
    auditLinesQuery(m, cycleId, filter),
    page,
    toAuditLine,
    auditLinesCountQuery(m, cycleId, filter),
  );
}

/** Every audit line of a cycle, for the operator's CLI, which prints the whole cycle. */
export function allCycleAudits(m: EntityManager, cycleId: number): Promise<AuditLine[]> {
  return auditLinesOf(m, cycleId);
}
