import type { EntityManager } from 'typeorm';

/** The n-th (1-based) bind placeholder in the manager's dialect: `?` for SQLite, `$n` for PostgreSQL. */
export function placeholder(m: EntityManager, n: number): string {
  return m.connection.options.type === 'postgres' ? `$${n}` : '?';
}

/** A JSON text column as stored by TypeORM's simple-json (PostgreSQL's driver may hand back text too). */
export function parseJson<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** SQLite stores booleans as 0 and 1. */
export function toBoolean(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  return value === true || value === 1 || value === '1' || value === 't';
}

export const toNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
