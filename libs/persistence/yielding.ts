/**
 * better-sqlite3 runs every statement on the event loop's thread: while one runs, no other
 * request is answered. Long writes are therefore cut into statements of a bounded number of
 * rows, with a turn of the event loop between them, inside the same transaction. PostgreSQL
 * statements run on the server and the driver waits asynchronously, so there one statement is
 * best and the slice is unbounded.
 */

/** Rows per SQLite statement: a few milliseconds of work each on a laptop, tens on a busy server. */
export const SQLITE_ROWS_PER_STATEMENT = 2000;

/** Rows per statement for this engine (PostgreSQL: all of them). */
export function rowsPerStatement(sqlite: boolean): number {
  return sqlite ? SQLITE_ROWS_PER_STATEMENT : Number.POSITIVE_INFINITY;
}

/** Lets the requests that have arrived since run (setImmediate: after pending I/O). */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Runs `work` over [from, to) in slices of `size`, yielding between slices. `size` Infinity
 * gives one call over the whole range.
 */
export async function forEachSlice(
  from: number,
  to: number,
  size: number,
  work: (start: number, end: number) => Promise<void>,
): Promise<void> {
  for (let start = from; start < to; start += size) {
    if (start > from) await nextTurn();
    await work(start, Math.min(to, start + size));
  }
}
