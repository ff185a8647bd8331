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
  readsEveryAudit,
  toAuditLine,
} from '../audits/index.js';
import { type Page, type PageRequest, rawPage } from '../common/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
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

/**
 * A cycle as a reader sees it: what the draw found across the council (open, eligible and
 * selected cases, the strata by team and cohort) goes only to those who read every audit, since
 * it would tell the rest of the audits they cannot read.
 */
export type CycleView = Omit<CycleDocument, 'open' | 'eligible' | 'selected'> & {
  open: number | null;
  eligible: number | null;
  selected: number | null;
};

/** What the CLI prints for `cycle show`: the document with every audit line, read unpaged. */
export type CycleWithAudits = CycleDocument & { audits: AuditLine[] };

/**
 * The cycle's document: its own facts and the figures counted from its audits, never the audits
 * themselves (a 96,000-audit cycle was a 25 MB response); they are paged at `GET cycles/:id/audits`.
 * The figures count only what `reader` may read (null: the operator's CLI, everything).
 */
export async function cycleDocument(
  m: EntityManager,
  cycle: Cycle,
  reader: AuthenticatedUser | null = null,
): Promise<CycleDocument> {
  const context = (cycle.snapshot as { context: CycleContext }).context;
  const figures = await figuresOf(m, cycle.id, reader);
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

/** The cycle's document as `reader` may see it (see {@link CycleView}). */
export async function cycleView(
  m: EntityManager,
  cycle: Cycle,
  reader: AuthenticatedUser,
): Promise<CycleView> {
  const document = await cycleDocument(m, cycle, reader);
  if (readsEveryAudit(reader)) return document;
  return { ...document, open: null, eligible: null, selected: null, strata: [] };
}

/** Every audit of the cycle, whatever its state. */
export function auditCountOf(figures: CycleFigures): number {
  return Object.values(figures.byState).reduce((sum, n) => sum + n, 0);
}

/** One page of the cycle's audits `reader` may read, by case reference (the audit id breaks ties). */
export function cycleAuditsPage(
  m: EntityManager,
  cycleId: number,
  page: PageRequest,
  filter: AuditLineFilter,
  reader: AuthenticatedUser | null,
): Promise<Page<AuditLine>> {
  return rawPage(
    m,
    auditLinesQuery(m, cycleId, filter, reader),
    page,
    toAuditLine,
    auditLinesCountQuery(m, cycleId, filter, reader),
  );
}

/** Every audit line of a cycle, for the operator's CLI, which prints the whole cycle. */
export function allCycleAudits(m: EntityManager, cycleId: number): Promise<AuditLine[]> {
  return auditLinesOf(m, cycleId);
}
