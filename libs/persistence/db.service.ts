import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type DataSourceOptions, type EntityManager } from 'typeorm';
import { AsyncMutex } from '../common/index.js';
import { takeTransactionPrelude, type TransactionPrelude } from './transaction-prelude.js';

/** The transaction a piece of work runs in, while it is open. */
interface OpenTransaction {
  manager: EntityManager;
  open: boolean;
}

/**
 * The one way into the database for commands and reads.
 *
 * better-sqlite3 is a single connection shared by every TypeORM query runner: two requests
 * running transactions at once would interleave on it (one request's reads landing inside the
 * other's half-done transaction). On SQLite every write therefore takes its turn through a
 * mutex; it costs little because the driver is synchronous anyway. Reads, on a SQLite file in
 * WAL mode, go to a second, read-only connection on the same file: each read is one snapshot of
 * the last committed state, so it runs while a write transaction is open (a long register
 * import) and never sees that transaction's uncommitted rows. An in-memory or non-WAL database
 * has no such second view: there reads take their turn through the writers' mutex, as before.
 * PostgreSQL has real connections and runs units of work side by side, guarded by version
 * columns and constraints.
 *
 * A read made inside a transaction's work uses that transaction (it sees its own writes).
 */
@Injectable()
export class Db implements BeforeApplicationShutdown {
  private readonly logger = new Logger(Db.name);
  private readonly mutex = new AsyncMutex();
  /** The read connection serves one snapshot at a time (one SQLite connection, one transaction). */
  private readonly readMutex = new AsyncMutex();
  private readonly current = new AsyncLocalStorage<OpenTransaction>();
  /** The read-only data source, opened on the first read (after the migrations); null: none. */
  private reader: Promise<DataSource | null> | undefined;
  /** Writers running or waiting for the mutex (SQLite only). */
  private writers = 0;
  readonly isSqlite: boolean;

  constructor(readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  /**
   * One command, one transaction: everything in `work` commits together or not at all. The
   * first transaction of a request that claims a form token or an idempotency key runs that
   * claim first (see withTransactionPrelude), so the claim commits or rolls back with the create.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = async () => {
      const prelude = takeTransactionPrelude();
      try {
        return await this.dataSource.transaction(async (manager) => {
          const tx: OpenTransaction = { manager, open: true };
          try {
            if (prelude) await runPrelude(prelude, manager);
            return await this.current.run(tx, () => work(manager));
          } finally {
            tx.open = false;
          }
        });
      } catch (error) {
        if (prelude && !prelude.refused) prelude.pending = true;
        throw error;
      }
    };
    if (!this.isSqlite) return run();
    this.writers++;
    return this.mutex.run(run).finally(() => this.writers--);
  }

  /**
   * For a write worth doing only if it need not wait (a session's last-seen touch): on SQLite,
   * while another unit of work holds or waits for the write turn, it is skipped (undefined).
   */
  transactionIfIdle<T>(work: (manager: EntityManager) => Promise<T>): Promise<T | undefined> {
    if (this.isSqlite && this.writers > 0) return Promise.resolve(undefined);
    return this.transaction(work);
  }

  /** Reads the last committed state (or, inside a transaction's work, that transaction's). */
  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const tx = this.current.getStore();
    if (tx?.open) return work(tx.manager);
    if (!this.isSqlite) return work(this.dataSource.manager);
    const reader = await (this.reader ??= this.openReader());
    if (!reader) return this.mutex.run(() => work(this.dataSource.manager));
    // A read transaction: a read of several queries sees one committed state throughout.
    return this.readMutex.run(() => reader.transaction(work));
  }

  /** Whether reads have their own connection (SQLite file in WAL mode), once a read has asked. */
  async hasReadConnection(): Promise<boolean> {
    if (!this.isSqlite) return false;
    return (await (this.reader ??= this.openReader())) !== null;
  }

  /** Closes the read connection after the reads in flight; the main one closes after it. */
  async beforeApplicationShutdown(): Promise<void> {
    const reader = this.reader;
    this.reader = Promise.resolve(null);
    const source = await reader;
    if (!source?.isInitialized) return;
    await this.readMutex.run(() => source.destroy());
  }

  private async openReader(): Promise<DataSource | null> {
    const options = this.dataSource.options as DataSourceOptions & { database?: string };
    const file = options.database;
    if (!file || file === ':memory:' || file.startsWith('file::memory:')) return null;
    // Asked on the raw handle: it answers even while a write transaction is open on it.
    const raw = (this.dataSource.driver as unknown as { databaseConnection: RawSqlite }).databaseConnection;
    if (String(raw.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return null;
    const reader = new DataSource({
      ...options,
      type: 'better-sqlite3',
      database: file,
      readonly: true,
      fileMustExist: true,
      // The file is in WAL mode already; a read-only connection may not change it.
      enableWAL: false,
      migrations: [],
      migrationsRun: false,
      synchronize: false,
      subscribers: [],
    } as DataSourceOptions);
    try {
      return await reader.initialize();
    } catch (error) {
      this.logger.warn(
        `no read-only connection to the SQLite file (${(error as Error).message}): reads wait for writes`,
      );
      return null;
    }
  }
}

interface RawSqlite {
  pragma(sql: string, options: { simple: true }): unknown;
}

async function runPrelude(prelude: TransactionPrelude, manager: EntityManager): Promise<void> {
  try {
    await prelude.run(manager);
  } catch (error) {
    prelude.refused = true;
    throw error;
  }
}
