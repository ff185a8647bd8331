import { auditMachine, type AuditContext } from './audit.machine.js';

/**
 * Snapshot migrations for the audit machine, one per version bump.
 *
 * Version 1 was the allocation-only lifecycle of the first release: an audit's progress was a
 * `status` of unallocated, allocated, withdrawn or completed, kept as `{ "status": … }`.
 * Version 2 is the full audit machine. Each migration takes a persisted snapshot of version n
 * and returns one of version n + 1; the runner applies them in order when it restores a row.
 */
export interface LegacyAuditSnapshotV1 {
  status: 'unallocated' | 'allocated' | 'withdrawn' | 'completed';
  auditorId?: number | null;
  withdrawnReason?: string | null;
}

export function auditV1ToV2(
  snapshot: LegacyAuditSnapshotV1,
  row: { auditorId: number | null; withdrawnReason: string | null },
): unknown {
  const context: AuditContext = {
    auditorId: row.auditorId,
    escalations: 0,
    discussionRecorded: false,
    moderated: false,
    withdrawnReason: row.withdrawnReason,
  };
  const state = auditMachine.resolveState({ value: snapshot.status, context });
  return auditMachine.getPersistedSnapshot(state);
}
