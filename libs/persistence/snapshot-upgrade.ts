import type { WorkflowRecord } from './workflow-runner.service.js';

export interface SnapshotMigration {
  to: string;
  migrate: (snapshot: unknown, record: WorkflowRecord) => unknown;
}

/** Per machine id, per stored version: the step to the next version (workflows/ provides them). */
export type SnapshotMigrations = Readonly<Record<string, Readonly<Record<string, SnapshotMigration>>>>;

/** The injection token for the registry; PersistenceModule.forRoot provides it. */
export const SNAPSHOT_MIGRATIONS = Symbol('SNAPSHOT_MIGRATIONS');

/** Brings a stored snapshot up to `targetVersion`, or says which step is missing. */
export function upgradeSnapshot(
  migrations: SnapshotMigrations,
  record: WorkflowRecord,
  targetVersion: string,
): { snapshot: unknown; version: string } | { missing: string } {
  let snapshot = record.snapshot;
  let version = record.machineVersion;
  while (version !== targetVersion) {
    const step = migrations[record.machineId]?.[version];
    if (!step) return { missing: version };
    snapshot = step.migrate(snapshot, record);
    version = step.to;
  }
  return { snapshot, version };
}
