/** SQLite's busy and locked results, extended codes included (SQLITE_BUSY_SNAPSHOT, …). */
const SQLITE_BUSY = /^SQLITE_(BUSY|LOCKED)/;
/** PostgreSQL: serialization_failure, deadlock_detected, lock_not_available. */
const POSTGRES_BUSY = new Set(['40001', '40P01', '55P03']);

/**
 * Whether the database refused a statement because another writer held what it needed: the
 * unit of work rolled back and may simply be tried again. TypeORM wraps the driver's error.
 */
export function isBusyError(error: unknown): boolean {
  const code = codeOf((error as { driverError?: unknown } | null)?.driverError) ?? codeOf(error);
  return code !== undefined && (SQLITE_BUSY.test(code) || POSTGRES_BUSY.has(code));
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
