import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { registeredEntities } from './entity-registry.js';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { bindSqliteNumbers } from './sqlite-bound-numbers.js';
import { TypeOrmLogger } from './typeorm-logger.js';

export const DEFAULT_SQLITE_FILE = './data/case-audit.sqlite';

/**
 * `DATABASE_URL` picks the database: absent means the SQLite file ./data/case-audit.sqlite;
 * `sqlite:<path>` (or `file:<path>`) another SQLite file; `postgres://…` PostgreSQL.
 * Never `synchronize`: the schema comes from the migrations, on both engines.
 */
export function databaseOptions(url = process.env.DATABASE_URL): DataSourceOptions {
  const common = {
    migrations: MIGRATIONS,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logger: new TypeOrmLogger(),
    logging: ['error', 'warn', 'migration'] as ('error' | 'warn' | 'migration')[],
    maxQueryExecutionTime: 2000,
  };
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    return { ...common, type: 'postgres', url, extra: { max: 10 } };
  }
  const file = url ? url.replace(/^(sqlite|file):(\/\/)?/, '') : DEFAULT_SQLITE_FILE;
  bindSqliteNumbers();
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    enableWAL: true,
    timeout: 10_000,
    statementCacheSize: 500,
    prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    },
  };
}

export function isSqlite(options: DataSourceOptions): boolean {
  return options.type === 'better-sqlite3';
}

/**
 * The options for a data source built outside Nest, with every registered entity: the caller
 * imports the app module first (see entity-registry.ts), so each feature has registered its own.
 */
export function standaloneDatabaseOptions(url = process.env.DATABASE_URL): DataSourceOptions {
  return { ...databaseOptions(url), entities: registeredEntities() } as DataSourceOptions;
}
