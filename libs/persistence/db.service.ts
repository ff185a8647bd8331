import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AsyncMutex } from '../common/index.js';

/**
 * The one way into the database for commands and reads.
 *
 * better-sqlite3 is a single connection shared by every TypeORM query runner: two requests
 * running transactions at once would interleave on it (one request's reads landing inside the
 * other's half-done transaction). On SQLite every unit of work therefore takes its turn through
 * a mutex; it costs little because the driver is synchronous anyway. PostgreSQL has real
 * connections and runs units of work side by side, guarded by version columns and constraints.
 */
@Injectable()
export class Db {
  private readonly mutex = new AsyncMutex();
  readonly isSqlite: boolean;

  constructor(readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  /** One command, one transaction: everything in `work` commits together or not at all. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => this.dataSource.transaction(work);
    return this.isSqlite ? this.mutex.run(run) : run();
  }

  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => work(this.dataSource.manager);
    return this.isSqlite ? this.mutex.run(run) : run();
  }
}
