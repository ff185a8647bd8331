import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type DataSourceOptions, type EntityManager } from 'typeorm';
import { AsyncMutex, DomainError, ErrorCode } from '../common/index.js';
import { takeTransactionPrelude, type TransactionPrelude } from './transaction-prelude.js';
import { isBusyError } from './busy-error.js';
import { checkpointOffThread } from './wal-checkpoint.js';

/** How long a write waits for its turn behind a bulk write (a register import) before a 503. */
export function busyWriteWaitMs(value = process.env.BUSY_WRITE_WAIT_MS): number {
  const ms = Number(value ?? 5000);
  return Number.isFinite(ms) && ms >= 0 ? ms : 5000;
}

/** What a client told "busy" is asked to wait before trying again (seconds). */
export const BUSY_RETRY_AFTER_SECONDS = 10;

export interface TransactionOptions {
  /**
   * A long write of many rows (a register import) that yields the event loop between slices:
   * while it holds or waits for the write turn, other writers wait at most BUSY_WRITE_WAIT_MS.
   */
  bulk?: boolean;
}

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
 *
 * A bulk unit of work (a register import) holds the SQLite write turn for seconds while it
 * yields the event loop between slices: other writers then wait for it at most
 * BUSY_WRITE_WAIT_MS and are otherwise refused with a busy error (503, Retry-After), never
 * left hanging or failed with a 500. On either engine a write the database itself refuses for
 * contention (SQLite busy or locked by another process, a PostgreSQL lock time-out, deadlock
 * or serialization failure) is the same busy error: its transaction rolled back whole.
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
  /** Bulk writers running or waiting for the mutex (SQLite only). */
  private bulkWriters = 0;
  /** Bulk writes whose log is still being checkpointed off the thread (automatic ones are off meanwhile). */
  private checkpointHolds = 0;
  private readonly checkpoints = new Set<Promise<void>>();
  readonly isSqlite: boolean;

  constructor(readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  /**
   * One command, one transaction: everything in `work` commits together or not at all. The
   * first transaction of a request that claims a form token or an idempotency key runs that
   * claim first (see withTransactionPrelude), so the claim commits or rolls back with the create.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.unitOfWork(work, options.bulk ?? false).catch((error: unknown) => {
      throw isBusyError(error) ? busy() : error;
    });
  }

  private unitOfWork<T>(work: (manager: EntityManager) => Promise<T>, bulk: boolean): Promise<T> {
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
    const behindBulk = !bulk && this.bulkWriters > 0;
    this.writers++;
    if (bulk) this.bulkWriters++;
    const turn = behindBulk
      ? this.mutex.runWithin(busyWriteWaitMs(), run, busy)
      : this.mutex.run(bulk ? () => this.withCheckpointOffThread(run) : run);
    return turn.finally(() => {
      this.writers--;
      if (bulk) this.bulkWriters--;
    });
  }

  /**
   * Runs a bulk unit with SQLite's automatic checkpoint off, then checkpoints its log on a
   * thread of its own (see wal-checkpoint.ts) and only then turns the automatic one back on.
   */
  private async withCheckpointOffThread<T>(run: () => Promise<T>): Promise<T> {
    const file = this.walFile();
    if (!file) return run();
    const raw = this.rawSqlite();
    this.checkpointHolds++;
    raw.pragma('wal_autocheckpoint = 0');
    try {
      return await run();
    } finally {
      const checkpoint = checkpointOffThread(file).finally(() => {
        this.checkpoints.delete(checkpoint);
        if (--this.checkpointHolds === 0 && raw.open) raw.pragma('wal_autocheckpoint = 1000');
      });
      this.checkpoints.add(checkpoint);
    }
  }

  private rawSqlite(): RawSqlite {
    return (this.dataSource.driver as unknown as { databaseConnection: RawSqlite }).databaseConnection;
  }

  /** The SQLite file, when it is a file in WAL mode; null otherwise. */
  private walFile(): string | null {
    const file = (this.dataSource.options as { database?: unknown }).database;
    if (typeof file !== 'string' || file === ':memory:' || file.startsWith('file::memory:')) return null;
    return String(this.rawSqlite().pragma('journal_mode', { simple: true })).toLowerCase() === 'wal'
      ? file
      : null;
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
    // A checkpoint thread in flight ends before the connections close (it holds its own).
    await Promise.allSettled([...this.checkpoints]);
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

function busy(): DomainError {
  return new DomainError(
    ErrorCode.Busy,
    'The service is busy saving a large change (such as a register import): nothing was saved, try again shortly',
    { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS },
  );
}

interface RawSqlite {
  readonly open: boolean;
  pragma(sql: string, options?: { simple: true }): unknown;
}

async function runPrelude(prelude: TransactionPrelude, manager: EntityManager): Promise<void> {
  try {
    await prelude.run(manager);
  } catch (error) {
    prelude.refused = true;
    throw error;
  }
}
