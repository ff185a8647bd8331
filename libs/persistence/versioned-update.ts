import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import { placeholder } from './raw-sql.js';
import { stampedColumns } from './timestamp-columns.js';

type ColumnMetadata = EntityMetadata['columns'][number];

/** One UPDATE's SQL and the columns its placeholders stand for, in order. */
interface Plan {
  sql: string;
  columns: ColumnMetadata[];
}

/** Per entity, per set of changed properties: built once, so each write only binds values. */
const plans = new WeakMap<EntityMetadata, Map<string, Plan>>();

/**
 * `UPDATE <table> SET <changes>, updated_at = <now> WHERE id = <id> AND <lock> = <expected>`,
 * returning the values written (the stamps included), or null when no row matched: another
 * writer moved its version first.
 *
 * What TypeORM's update query builder does for the workflow runner, without building the query
 * afresh on every transition (measured: the builder's parameter rewriting, cloning and
 * subscriber broadcast took more time than SQLite's own work). Values are converted by the
 * driver as TypeORM would (simple-json as JSON text, booleans, dates), stamped columns get
 * `now` as TimestampSubscriber would give them, and a version column the changes leave out is
 * incremented as the builder would. The SQL text stays the same for the same columns, so the
 * driver's statement cache prepares it once.
 */
export async function updateVersioned<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  where: { id: number; lockField: string; expected: number },
  changes: Record<string, unknown>,
  now: string,
): Promise<Record<string, unknown> | null> {
  const metadata = m.connection.getMetadata(entity);
  const values: Record<string, unknown> = { ...changes };
  for (const [property, stamp] of stampedColumns(metadata.target)) {
    if (stamp === 'updated') values[property] = now;
  }
  const keys = Object.keys(values).filter((key) => values[key] !== undefined);
  const plan = planFor(m, metadata, keys, where.lockField);
  const driver = m.connection.driver;
  const params = plan.columns.map((column) =>
    driver.preparePersistentValue(values[column.propertyPath], column),
  );
  params.push(where.id, where.expected);
  const result = await withQueryRunner(m, (runner) => runner.query(plan.sql, params, true));
  return result.affected === 0 ? null : values;
}

function planFor(m: EntityManager, metadata: EntityMetadata, keys: string[], lockField: string): Plan {
  let byKeys = plans.get(metadata);
  if (!byKeys) plans.set(metadata, (byKeys = new Map()));
  const cacheKey = `${lockField}:${keys.join(',')}`;
  let plan = byKeys.get(cacheKey);
  if (plan) return plan;

  const escape = (name: string) => m.connection.driver.escape(name);
  const columnOf = (property: string) => {
    const column = metadata.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`${metadata.name} has no column for property ${property}`);
    return column;
  };
  const columns = keys.map(columnOf);
  const sets = columns.map((column, i) => `${escape(column.databaseName)} = ${placeholder(m, i + 1)}`);
  const version = metadata.versionColumn;
  if (version && !columns.includes(version)) {
    sets.push(`${escape(version.databaseName)} = ${escape(version.databaseName)} + 1`);
  }
  const [id] = metadata.primaryColumns;
  const lock = columnOf(lockField);
  plan = {
    sql:
      `UPDATE ${escape(metadata.tableName)} SET ${sets.join(', ')} ` +
      `WHERE ${escape(id.databaseName)} = ${placeholder(m, columns.length + 1)} ` +
      `AND ${escape(lock.databaseName)} = ${placeholder(m, columns.length + 2)}`,
    columns,
  };
  byKeys.set(cacheKey, plan);
  return plan;
}

/** The transaction's query runner (the runner always writes inside one), or a fresh one. */
export async function withQueryRunner<T>(m: EntityManager, work: (runner: QueryRunner) => Promise<T>) {
  if (m.queryRunner) return work(m.queryRunner);
  const runner = m.connection.createQueryRunner();
  try {
    return await work(runner);
  } finally {
    await runner.release();
  }
}
