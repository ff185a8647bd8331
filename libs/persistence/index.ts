// The persistence layer's one door: the connection, the unit of work, the workflow store and
// the helpers features use to write their own SQL. It imports no feature.
export { bulkInsert } from './bulk-insert.js';
export {
  databaseOptions,
  DEFAULT_SQLITE_FILE,
  isSqlite,
  standaloneDatabaseOptions,
} from './database-options.js';
export { Db } from './db.service.js';
export { featureEntities, registeredEntities } from './entity-registry.js';
export { MIGRATIONS } from './migrations/index.js';
export { PersistenceModule } from './persistence.module.js';
export { parseJson, placeholder, toBoolean, toNumber } from './raw-sql.js';
export { type SnapshotMigration, type SnapshotMigrations, upgradeSnapshot } from './snapshot-upgrade.js';
export { stateKey } from './state-key.js';
export { TransactionPrelude, withTransactionPrelude } from './transaction-prelude.js';
export { CreatedAtColumn, UpdatedAtColumn } from './timestamp-columns.js';
export { WorkflowColumns, WorkflowStateColumns } from './workflow-columns.js';
export { forEachSlice, nextTurn, rowsPerStatement } from './yielding.js';
export type { HistoryRow } from './workflow-history.js';
export {
  type Actor,
  type SendOptions,
  type WorkflowRecord,
  WorkflowRunner,
} from './workflow-runner.service.js';
