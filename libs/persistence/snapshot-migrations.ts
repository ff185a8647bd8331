import { auditV1ToV2, type LegacyAuditSnapshotV1 } from '../../workflows/audit-snapshots.js';
import { cycleV1ToV2, type LegacyCycleSnapshotV1 } from '../../workflows/cycle-snapshots.js';
import type { WorkflowRun } from './workflow-runner.service.js';

interface SnapshotMigration {
  to: string;
  migrate: (snapshot: unknown, record: WorkflowRun) => unknown;
}

/** Per machine id, per stored version: how to lift a persisted snapshot one version up. */
export const SNAPSHOT_MIGRATIONS: Record<string, Record<string, SnapshotMigration>> = {
  audit: {
    '1': {
      to: '2',
      migrate: (snapshot, record) =>
        auditV1ToV2(snapshot as LegacyAuditSnapshotV1, {
          auditorId: (record.auditorId as number | null) ?? null,
          withdrawnReason: (record.withdrawnReason as string | null) ?? null,
        }),
    },
  },
  auditCycle: {
    '1': { to: '2', migrate: (snapshot) => cycleV1ToV2(snapshot as LegacyCycleSnapshotV1) },
  },
};

/** Brings a stored snapshot up to `targetVersion`, or says which step is missing. */
export function upgradeSnapshot(
  record: WorkflowRun,
  targetVersion: string,
): { snapshot: unknown; version: string } | { missing: string } {
  let snapshot = record.snapshot;
  let version = record.machineVersion;
  while (version !== targetVersion) {
    const step = SNAPSHOT_MIGRATIONS[record.machineId]?.[version];
    if (!step) return { missing: version };
    snapshot = step.migrate(snapshot, record);
    version = step.to;
  }
  return { snapshot, version };
}
