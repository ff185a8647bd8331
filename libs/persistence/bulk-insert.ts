import type { EntityManager } from 'typeorm';
import { forEachSlice, SQLITE_ROWS_PER_STATEMENT } from './yielding.js';

const POSTGRES_CHUNK = 1000;

/**
 * Inserts many rows as fast as each engine allows, inside the caller's transaction.
 * On SQLite, one prepared statement on the raw better-sqlite3 handle (synchronous and
 * single-connection, so it runs inside the transaction TypeORM has open), with a turn of the
 * event loop every couple of thousand rows so that other requests are answered meanwhile; on PostgreSQL,
 * multi-row INSERTs of up to a thousand rows. Column names are code, never user input.
 */
export async function bulkInsert(
  m: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const into = `INSERT INTO ${table} (${columns.join(', ')})`;
  if (m.connection.options.type === 'better-sqlite3') {
    const raw = (m.connection.driver as unknown as { databaseConnection: RawSqlite }).databaseConnection;
    const insert = prepared(raw, `${into} VALUES (${columns.map(() => '?').join(', ')})`);
    await forEachSlice(0, rows.length, SQLITE_ROWS_PER_STATEMENT, async (start, end) => {
      for (let i = start; i < end; i++) insert.run(...rows[i].map(toSqlite));
    });
    return;
  }
  for (let start = 0; start < rows.length; start += POSTGRES_CHUNK) {
    const params: unknown[] = [];
    const tuples = rows.slice(start, start + POSTGRES_CHUNK).map((row) => {
      const placeholders = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await m.query(`${into} VALUES ${tuples.join(', ')}`, params);
  }
}

/** better-sqlite3 binds no booleans: SQLite stores them as 0 and 1. */
const toSqlite = (value: unknown) => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

interface Statement {
  run(...params: unknown[]): unknown;
}

interface RawSqlite {
  prepare(sql: string): Statement;
}

/**
 * Statements prepared once per connection: a submit inserts its grades through here, and
 * preparing the same INSERT on every call cost more than running it (bench/audit-lifecycle).
 */
const statements = new WeakMap<RawSqlite, Map<string, Statement>>();

function prepared(raw: RawSqlite, sql: string): Statement {
  let byText = statements.get(raw);
  if (!byText) statements.set(raw, (byText = new Map()));
  let statement = byText.get(sql);
  if (!statement) byText.set(sql, (statement = raw.prepare(sql)));
  return statement;
}
