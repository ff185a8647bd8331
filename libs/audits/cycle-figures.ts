import type { EntityManager } from 'typeorm';
import { AuditTag, auditMachine } from '../../workflows/audit.machine.js';
import { statesTagged } from '../../workflows/state-tags.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { readableBy } from './audit-access.js';
import { Audit } from './audit.entity.js';

/**
 * A cycle's figures, read from its audits every time the cycle is shown: the one source, so a
 * withdrawal, a reallocation or any other change of an audit keeps them right, and nothing has
 * to write the cycle row to keep them so.
 */
export interface CycleFigures {
  /** Audits with an auditor, withdrawn ones aside. */
  allocated: number;
  /** Audits nobody may take yet, withdrawn ones aside. */
  unallocated: number;
  /** Audits an auditor has started (in progress or further on), withdrawn ones aside: the cycle is under way when > 0. */
  started: number;
  /** Audits still open (neither completed, closed nor withdrawn): the cycle closes at 0. */
  outstanding: number;
  /** Every audit state, with how many of the cycle's audits are in it. */
  byState: Record<string, number>;
}

const AUDIT_STATES = Object.keys(auditMachine.states);
const STARTED = new Set(statesTagged(auditMachine, AuditTag.Started));
const COUNTS_AS_AUDITED = new Set(statesTagged(auditMachine, AuditTag.CountsAsAudited));
const OPEN = new Set(statesTagged(auditMachine, AuditTag.Open));

/**
 * One GROUP BY over the audits of the given cycles that `reader` may read (null: the operator's
 * CLI, every audit): a count never tells of an audit its reader could not open.
 */
export async function cycleFigures(
  m: EntityManager,
  cycleIds: readonly number[],
  reader: AuthenticatedUser | null,
): Promise<Map<number, CycleFigures>> {
  const figures = new Map(cycleIds.map((id) => [id, emptyFigures()]));
  if (cycleIds.length === 0) return figures;
  const query = m
    .createQueryBuilder()
    .select('a.cycle_id', 'cycleId')
    .addSelect('a.state', 'state')
    .addSelect('COUNT(*)', 'audits')
    .addSelect('COUNT(a.auditor_id)', 'withAuditor')
    .from(Audit, 'a')
    .where('a.cycle_id IN (:...cycleIds)', { cycleIds })
    .groupBy('a.cycle_id')
    .addGroupBy('a.state');
  const rows = await readableBy(query, reader).getRawMany<{
    cycleId: number | string;
    state: string;
    audits: number | string;
    withAuditor: number | string;
  }>();
  for (const row of rows) {
    const f = figures.get(Number(row.cycleId))!;
    const audits = Number(row.audits);
    f.byState[row.state] = audits;
    if (OPEN.has(row.state)) f.outstanding += audits;
    if (!COUNTS_AS_AUDITED.has(row.state)) continue; // withdrawn
    f.allocated += Number(row.withAuditor);
    f.unallocated += audits - Number(row.withAuditor);
    if (STARTED.has(row.state)) f.started += audits;
  }
  return figures;
}

export async function figuresOf(
  m: EntityManager,
  cycleId: number,
  reader: AuthenticatedUser | null,
): Promise<CycleFigures> {
  return (await cycleFigures(m, [cycleId], reader)).get(cycleId)!;
}

function emptyFigures(): CycleFigures {
  return {
    allocated: 0,
    unallocated: 0,
    started: 0,
    outstanding: 0,
    byState: Object.fromEntries(AUDIT_STATES.map((state) => [state, 0])),
  };
}
