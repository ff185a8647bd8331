import { auditV1ToV2, type LegacyAuditSnapshotV1 } from './audit-snapshots.js';
import { cycleV1ToV2, type LegacyCycleSnapshotV1 } from './cycle-snapshots.js';

/** Lifts a persisted snapshot one version up; `row` is the stored record (its other columns). */
export interface SnapshotMigration {
  to: string;
  migrate: (snapshot: unknown, row: Readonly<Record<string, unknown>>) => unknown;
}

/**
 * Per machine id, per stored version: how to lift a persisted snapshot one version up. The
 * machines' side owns it; the apps hand it to the workflow runner (PersistenceModule.forRoot).
 */
export const SNAPSHOT_MIGRATIONS: Record<string, Record<string, SnapshotMigration>> = {
  audit: {
    '1': {
      to: '2',
      migrate: (snapshot, row) =>
        auditV1ToV2(snapshot as LegacyAuditSnapshotV1, {
          auditorId: (row.auditorId as number | null) ?? null,
          withdrawnReason: (row.withdrawnReason as string | null) ?? null,
        }),
    },
  },
  auditCycle: {
    '1': { to: '2', migrate: (snapshot) => cycleV1ToV2(snapshot as LegacyCycleSnapshotV1) },
  },
};
