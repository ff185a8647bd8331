/** What an upgrade reads of a stored run: which machine and version wrote it, and its other columns. */
export interface StoredRun {
  machineId: string;
  machineVersion: string;
  snapshot: unknown;
  [column: string]: unknown;
}

export interface SnapshotMigration {
  to: string;
  migrate: (snapshot: unknown, record: StoredRun) => unknown;
}

/** Per machine id, per stored version: the step to the next version (workflows/ provides them). */
export type SnapshotMigrations = Readonly<Record<string, Readonly<Record<string, SnapshotMigration>>>>;

/** The injection token for the registry; PersistenceModule.forRoot provides it. */
export const SNAPSHOT_MIGRATIONS = Symbol('SNAPSHOT_MIGRATIONS');

/** Brings a stored snapshot up to `targetVersion`, or says which step is missing. */
export function upgradeSnapshot(
  migrations: SnapshotMigrations,
  record: StoredRun,
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
