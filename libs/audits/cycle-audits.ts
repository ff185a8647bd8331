import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuditTag, auditMachine } from '../../workflows/audit.machine.js';
import { statesTagged } from '../../workflows/state-tags.js';
import type { Actor, WorkflowRunner } from '../persistence/index.js';
import { Audit } from './audit.entity.js';

// The reads and changes cycles make on their audits: the audits table is named only here.
const COUNTS_AS_AUDITED = statesTagged(auditMachine, AuditTag.CountsAsAudited);
const COUNTS_TOWARDS_LOAD = statesTagged(auditMachine, AuditTag.CountsTowardsLoad);
const OPEN = statesTagged(auditMachine, AuditTag.Open);

/**
 * A subquery of (case_id, cycle_id): the cycles in which each case was audited (withdrawn
 * audits do not count). For a join: `.leftJoin((sub) => auditedCases(sub), 'au', …)`.
 */
export function auditedCases(sub: SelectQueryBuilder<ObjectLiteral>): SelectQueryBuilder<ObjectLiteral> {
  return sub
    .select('a.case_id', 'case_id')
    .addSelect('a.cycle_id', 'cycle_id')
    .from(Audit, 'a')
    .where('a.state IN (:...countsAsAudited)', { countsAsAudited: COUNTS_AS_AUDITED })
    .groupBy('a.case_id')
    .addGroupBy('a.cycle_id');
}

/** Each auditor's load: audits they still hold, by auditor id. */
export async function auditorLoads(m: EntityManager): Promise<Map<number, number>> {
  const rows = await m
    .createQueryBuilder()
    .select('a.auditor_id', 'auditorId')
    .addSelect('COUNT(*)', 'n')
    .from(Audit, 'a')
    .where('a.auditor_id IS NOT NULL AND a.state IN (:...load)', { load: COUNTS_TOWARDS_LOAD })
    .groupBy('a.auditor_id')
    .getRawMany<{ auditorId: number | string; n: number | string }>();
  return new Map(rows.map((r) => [Number(r.auditorId), Number(r.n)]));
}

/** How many of a cycle's audits are still open (neither completed, closed nor withdrawn). */
export function openAuditCount(m: EntityManager, cycleId: number): Promise<number> {
  return m
    .createQueryBuilder(Audit, 'a')
    .where('a.cycle_id = :cycleId AND a.state IN (:...open)', { cycleId, open: OPEN })
    .getCount();
}

const FINISHED = statesTagged(auditMachine, AuditTag.Finished);

/** How many of a cycle's audits are not yet closed or withdrawn: it closes by itself at 0. */
export function unfinishedAuditCount(m: EntityManager, cycleId: number): Promise<number> {
  return m
    .createQueryBuilder(Audit, 'a')
    .where('a.cycle_id = :cycleId AND a.state NOT IN (:...finished)', { cycleId, finished: FINISHED })
    .getCount();
}

/** What allocation needs of one audit. */
export interface AuditForAllocation {
  id: number;
  cycleId: number;
  caseId: number;
  teamId: number;
  tier: number;
  auditorId: number | null;
  state: string;
}

export async function auditForAllocation(m: EntityManager, id: number): Promise<AuditForAllocation | null> {
  const audit = await m.findOneBy(Audit, { id });
  if (!audit) return null;
  const { cycleId, caseId, teamId, tier, auditorId, state } = audit;
  return { id, cycleId, caseId, teamId, tier, auditorId, state };
}

/** Gives the audit to another auditor (the caller has checked they may take it). */
export async function reallocateAudit(
  m: EntityManager,
  workflows: WorkflowRunner,
  change: { auditId: number; auditorId: number; reason: string; actor: Actor },
): Promise<{ state: string }> {
  const audit = await m.findOneByOrFail(Audit, { id: change.auditId });
  return workflows.send(m, {
    machine: auditMachine,
    entity: Audit,
    entityType: 'audit',
    record: audit,
    event: { type: 'ALLOCATE', auditorId: change.auditorId },
    actor: change.actor,
    patch: { auditorId: change.auditorId, unallocatedReason: null },
    detail: { fromAuditorId: audit.auditorId, toAuditorId: change.auditorId, reason: change.reason },
  });
}

/** Takes a case out of its cycle; the reason is required (the machine refuses a blank one) and kept. */
export async function withdrawAudit(
  m: EntityManager,
  workflows: WorkflowRunner,
  change: { auditId: number; reason: string; actor: Actor },
): Promise<{ state: string }> {
  const audit = await m.findOneByOrFail(Audit, { id: change.auditId });
  return workflows.send(m, {
    machine: auditMachine,
    entity: Audit,
    entityType: 'audit',
    record: audit,
    event: { type: 'WITHDRAW', reason: change.reason },
    actor: change.actor,
    patch: { withdrawnReason: change.reason },
    detail: { reason: change.reason },
  });
}
