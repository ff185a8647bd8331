import type { EntityManager } from 'typeorm';
import { AuditTag, auditMachine } from '../../workflows/audit.machine.js';
import type { CycleContext } from '../../workflows/cycle.machine.js';
import { statesTagged } from '../../workflows/state-tags.js';
import { type AuditLine, auditLinesOf } from '../audits/index.js';
import type { Cycle } from './cycle.entity.js';

export type { AuditLine };

const WITH_AUDITOR = statesTagged(auditMachine, AuditTag.WithAuditor);
const AWAITING_AUDITOR = statesTagged(auditMachine, AuditTag.AwaitingAuditor);

/** What `cycle open` and `cycle show` print, and what the API returns for a cycle. */
export interface CycleDocument {
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
  allocated: number;
  unallocated: number;
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
    allocated: audits.filter((a) => WITH_AUDITOR.includes(a.state)).length,
    unallocated: audits.filter((a) => AWAITING_AUDITOR.includes(a.state)).length,
    strata: cycle.strata,
    audits,
  };
}
