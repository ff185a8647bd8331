import type { EntityManager } from 'typeorm';
import type { CycleContext } from '../../workflows/cycle.machine.js';
import { type AuditLine, auditLinesOf, type CycleFigures, figuresOf } from '../audits/index.js';
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
  strata: Cycle['strata'];
  audits: AuditLine[];
}

export async function cycleDocument(m: EntityManager, cycle: Cycle): Promise<CycleDocument> {
  const context = (cycle.snapshot as { context: CycleContext }).context;
  const audits = await auditLinesOf(m, cycle.id);
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
