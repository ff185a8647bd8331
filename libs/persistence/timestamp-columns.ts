import { Column, type ColumnOptions } from 'typeorm';

/**
 * Row timestamps are ISO 8601 UTC text (`2026-12-15T10:00:00.000Z`) on both engines, written from
 * the Clock: they sort as text and `substr(col, 1, 7)` is their month on SQLite and PostgreSQL
 * alike. TypeORM's CreateDateColumn would store SQLite text and PostgreSQL timestamps instead.
 * TimestampSubscriber fills these columns on every insert and update through TypeORM; raw SQL
 * that writes rows passes the time itself (the columns have no database default, so a row
 * written without one is refused).
 */
export const TIMESTAMP_COLUMN: ColumnOptions = { type: 'varchar', length: 30 };

type Stamp = 'created' | 'updated';
const stamped = new WeakMap<object, Map<string, Stamp>>();

function stampColumn(stamp: Stamp, options: ColumnOptions): PropertyDecorator {
  return (target, property) => {
    Column({ ...TIMESTAMP_COLUMN, ...options })(target, property);
    const columns = stamped.get(target.constructor) ?? new Map<string, Stamp>();
    columns.set(String(property), stamp);
    stamped.set(target.constructor, columns);
  };
}

/** Set once, when the row is inserted. */
export const CreatedAtColumn = (options: ColumnOptions = {}) => stampColumn('created', options);

/** Set when the row is inserted and on every update. */
export const UpdatedAtColumn = (options: ColumnOptions = {}) => stampColumn('updated', options);

const resolved = new WeakMap<object, Map<string, Stamp>>();

/** The stamped properties of an entity class, its base classes' included (asked on every write). */
export function stampedColumns(entity: unknown): Map<string, Stamp> {
  if (typeof entity !== 'function') return new Map();
  let columns = resolved.get(entity);
  if (!columns) {
    columns = new Map<string, Stamp>();
    for (let target: unknown = entity; typeof target === 'function'; target = Object.getPrototypeOf(target)) {
      for (const [property, stamp] of stamped.get(target) ?? []) columns.set(property, stamp);
    }
    resolved.set(entity, columns);
  }
  return columns;
}
