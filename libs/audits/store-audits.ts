import type { EntityManager } from 'typeorm';
import { AUDIT_MACHINE_ID, AUDIT_MACHINE_VERSION, auditMachine } from '../../workflows/audit.machine.js';
import { type Actor, bulkInsert, type WorkflowRunner } from '../persistence/index.js';

/** One selected case of a new cycle, with its auditor (or why no one could take it). */
export interface NewAudit {
  caseId: number;
  /** Copied from the case like its team and cohort: the cycle's list is paged in this order. */
  caseRef: string;
  auditorId: number | null;
  tier: number;
  unallocatedReason: string | null;
  teamId: number;
  cohortCode: string;
  rank: string;
  recentlyAudited: boolean;
}

const AUDIT_COLUMNS = [
  'cycle_id',
  'case_id',
  'case_ref',
  'team_id',
  'cohort_code',
  'selection_rank',
  'recently_audited',
  'tier',
  'auditor_id',
  'unallocated_reason',
  'machine_id',
  'machine_version',
  'state',
  'snapshot',
  'version',
  'created_at',
  'updated_at',
];

/**
 * Stores a cycle's audits, each a new audit workflow run (allocated to its auditor, or
 * unallocated), with its first transition in the history (written by the workflow runner):
 * thousands of rows in two bulk inserts. Snapshots come from the machine itself, once per
 * auditor, not hand-written.
 */
export async function storeAudits(
  m: EntityManager,
  workflows: WorkflowRunner,
  cycleId: number,
  audits: readonly NewAudit[],
  actor: Actor,
  /** The Clock's now: raw inserts write their row timestamps themselves. */
  at: string,
): Promise<void> {
  // One snapshot per auditor, serialised once: ten thousand audits share a few dozen of them.
  const snapshots = new Map<number | null, { json: string; state: string }>();
  const snapshotFor = (auditorId: number | null) => {
    let found = snapshots.get(auditorId);
    if (!found) {
      const events = auditorId === null ? [] : [{ type: 'ALLOCATE' as const, auditorId }];
      const { snapshot, state } = workflows.snapshotAfter(auditMachine, events);
      snapshots.set(auditorId, (found = { json: JSON.stringify(snapshot), state }));
    }
    return found;
  };
  await bulkInsert(
    m,
    'audits',
    AUDIT_COLUMNS,
    audits.map((a) => {
      const { json, state } = snapshotFor(a.auditorId);
      return [
        cycleId,
        a.caseId,
        a.caseRef,
        a.teamId,
        a.cohortCode,
        a.rank,
        a.recentlyAudited,
        a.tier,
        a.auditorId,
        a.unallocatedReason,
        AUDIT_MACHINE_ID,
        AUDIT_MACHINE_VERSION,
        state,
        json,
        1,
        at,
        at,
      ];
    }),
  );
  const stored = await m
    .createQueryBuilder()
    .select(['a.id AS "id"', 'a.state AS "state"'])
    .from('audits', 'a')
    .where('a.cycle_id = :cycleId', { cycleId })
    .getRawMany<{ id: number; state: string }>();
  await workflows.recordStarts(
    m,
    'audit',
    stored.map((a) => ({
      entityId: Number(a.id),
      machineId: AUDIT_MACHINE_ID,
      machineVersion: AUDIT_MACHINE_VERSION,
      state: a.state,
      ...(a.state === 'allocated' ? { event: 'ALLOCATE', fromState: 'unallocated' } : {}),
    })),
    actor,
  );
}
