import type { EntityManager } from 'typeorm';
import { bulkInsert, forEachSlice, rowsPerStatement } from '../persistence/index.js';

/** A register row ready for the database: team resolved, open date filled. */
export interface StagedCase {
  caseRef: string;
  cohortCode: string;
  teamId: number;
  worker: string | null;
  /** The worker's stable key (users.worker_key matches it), or null. */
  workerKey: string | null;
  teamManager: string | null;
  openedOn: string;
  closedOn: string | null;
}

export interface UpsertCounts {
  imported: number;
  updated: number;
  closed: number;
  unchanged: number;
}

const STAGING_COLUMNS = [
  'n',
  'case_ref',
  'cohort_code',
  'team_id',
  'worker',
  'worker_key',
  'team_manager',
  'opened_on',
  'closed_on',
];

/** Null-safe "differs": `IS NOT` on SQLite and `IS DISTINCT FROM` on PostgreSQL mean the same. */
const differs = (sqlite: boolean, a: string, b: string) =>
  sqlite ? `${a} IS NOT ${b}` : `${a} IS DISTINCT FROM ${b}`;

/**
 * Upserts the register in set operations: stage the rows in a temporary table, count what is
 * new, changed and closing in SQL, then insert and update from it. Rows never travel back into
 * JavaScript, and importing the same file twice matches every row as unchanged.
 *
 * Each pass goes over the staged rows in slices by their number `n` (on SQLite a few thousand
 * rows a statement, with a turn of the event loop between: better-sqlite3 is synchronous, and
 * one statement over a million rows held every other request for seconds). All of it is in the
 * caller's one transaction.
 */
export async function upsertRegister(
  m: EntityManager,
  rows: readonly StagedCase[],
  options: {
    asOf: string;
    full: boolean;
    keepOpen?: readonly string[];
    /** The Clock's now. */
    now: string;
    /** Rows staged so far, after each slice. */
    onStaged?: (staged: number) => void;
    /** The staging is done; the set statements follow. */
    onApplying?: () => void;
  },
): Promise<UpsertCounts> {
  const sqlite = m.connection.options.type === 'better-sqlite3';
  const slice = rowsPerStatement(sqlite);
  const p = (i: number) => (sqlite ? '?' : `$${i}`);
  // On SQLite the unique index is there from the start, so that no single statement builds it
  // over the whole register (rowid-alias n costs nothing); PostgreSQL builds it after loading.
  const columns = `n integer${sqlite ? ' PRIMARY KEY' : ''}, case_ref varchar(64)${sqlite ? ' UNIQUE' : ''},
    cohort_code varchar(20), team_id integer, worker varchar(120), worker_key varchar(120),
    team_manager varchar(120), opened_on varchar(10), closed_on varchar(10)`;
  await m.query(
    sqlite
      ? `CREATE TEMP TABLE import_staging (${columns})`
      : `CREATE TEMP TABLE import_staging (${columns}) ON COMMIT DROP`,
  );
  try {
    await stage(m, rows, options.onStaged);
    options.onApplying?.();
    if (!sqlite) await m.query('CREATE UNIQUE INDEX import_staging_case_ref ON import_staging (case_ref)');
    /** Runs a statement over each slice of the staged rows, by their number n. */
    const overStaged = (work: (start: number, end: number) => Promise<void>) =>
      forEachSlice(0, rows.length, slice, work);
    const changed = (table: string) =>
      ['cohort_code', 'team_id', 'worker', 'worker_key', 'team_manager', 'opened_on', 'closed_on']
        .map((column) => differs(sqlite, `${table}.${column}`, `s.${column}`))
        .join(' OR ');
    let imported = 0;
    let updated = 0;
    let closing = 0;
    await overStaged(async (start, end) => {
      const [counts] = await m.query(
        `SELECT
           SUM(CASE WHEN c.id IS NULL THEN 1 ELSE 0 END) AS imported,
           SUM(CASE WHEN c.id IS NOT NULL AND c.closed_on IS NULL AND s.closed_on IS NOT NULL THEN 1 ELSE 0 END) AS closing,
           SUM(CASE WHEN c.id IS NOT NULL AND NOT (c.closed_on IS NULL AND s.closed_on IS NOT NULL) AND (${changed('c')}) THEN 1 ELSE 0 END) AS updated
         FROM import_staging s LEFT JOIN cases c ON c.case_ref = s.case_ref
         WHERE s.n >= ${p(1)} AND s.n < ${p(2)}`,
        [start, end],
      );
      imported += Number(counts.imported ?? 0);
      updated += Number(counts.updated ?? 0);
      closing += Number(counts.closing ?? 0);
    });
    // Each statement is a pass over the register: skip the ones the counts show would do nothing.
    if (updated + closing > 0) {
      await overStaged((start, end) =>
        m.query(
          `UPDATE cases SET cohort_code = s.cohort_code, team_id = s.team_id, worker = s.worker,
           worker_key = s.worker_key, team_manager = s.team_manager, opened_on = s.opened_on, closed_on = s.closed_on, updated_at = ${p(1)}
         FROM import_staging s WHERE cases.case_ref = s.case_ref AND s.n >= ${p(2)} AND s.n < ${p(3)}
           AND (${changed('cases')})`,
          [options.now, start, end],
        ),
      );
    }
    if (imported > 0) {
      await overStaged((start, end) =>
        m.query(
          `INSERT INTO cases (case_ref, cohort_code, team_id, worker, worker_key, team_manager, opened_on, closed_on, updated_at)
         SELECT s.case_ref, s.cohort_code, s.team_id, s.worker, s.worker_key, s.team_manager, s.opened_on, s.closed_on, ${p(1)}
         FROM import_staging s WHERE s.n >= ${p(2)} AND s.n < ${p(3)}
           AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.case_ref = s.case_ref)`,
          [options.now, start, end],
        ),
      );
    }
    const closedByAbsence = options.full ? await closeAbsent(m, sqlite, options) : 0;
    return {
      imported,
      updated,
      closed: closing + closedByAbsence,
      unchanged: rows.length - imported - updated - closing,
    };
  } finally {
    if (sqlite) {
      await m.query('DROP TABLE temp.import_staging');
      await m.query('DROP TABLE IF EXISTS temp.import_kept');
    }
  }
}

/**
 * A full import closes every open case the register does not list, in slices of case ids.
 * A case whose row was rejected is in the file, just unreadable: it must not be closed.
 */
async function closeAbsent(
  m: EntityManager,
  sqlite: boolean,
  options: { asOf: string; now: string; keepOpen?: readonly string[] },
): Promise<number> {
  const p = (i: number) => (sqlite ? '?' : `$${i}`);
  await m.query(
    sqlite
      ? 'CREATE TEMP TABLE import_kept (case_ref varchar(64) PRIMARY KEY)'
      : 'CREATE TEMP TABLE import_kept (case_ref varchar(64) PRIMARY KEY) ON COMMIT DROP',
  );
  await bulkInsert(
    m,
    'import_kept',
    ['case_ref'],
    [...new Set(options.keepOpen ?? [])].map((ref) => [ref]),
  );
  const [{ low, high }] = await m.query('SELECT MIN(id) AS low, MAX(id) AS high FROM cases');
  if (low === null || high === null) return 0;
  let closed = 0;
  const missing = (first: number) => `id >= ${p(first)} AND id < ${p(first + 1)} AND closed_on IS NULL
    AND NOT EXISTS (SELECT 1 FROM import_staging s WHERE s.case_ref = cases.case_ref)
    AND NOT EXISTS (SELECT 1 FROM import_kept k WHERE k.case_ref = cases.case_ref)`;
  await forEachSlice(Number(low), Number(high) + 1, rowsPerStatement(sqlite), async (start, end) => {
    const [{ n }] = await m.query(`SELECT COUNT(*) AS n FROM cases WHERE ${missing(1)}`, [start, end]);
    if (Number(n) === 0) return;
    closed += Number(n);
    await m.query(`UPDATE cases SET closed_on = ${p(1)}, updated_at = ${p(2)} WHERE ${missing(3)}`, [
      options.asOf,
      options.now,
      start,
      end,
    ]);
  });
  return closed;
}

/** Rows per staging slice: progress is reported, and the event loop turns, after each. */
const STAGING_SLICE = 5000;

async function stage(
  m: EntityManager,
  rows: readonly StagedCase[],
  onStaged?: (staged: number) => void,
): Promise<void> {
  await forEachSlice(0, rows.length, STAGING_SLICE, async (start, end) => {
    const values: unknown[][] = [];
    for (let n = start; n < end; n++) {
      const r = rows[n];
      values.push([
        n,
        r.caseRef,
        r.cohortCode,
        r.teamId,
        r.worker,
        r.workerKey,
        r.teamManager,
        r.openedOn,
        r.closedOn,
      ]);
    }
    await bulkInsert(m, 'import_staging', STAGING_COLUMNS, values);
    onStaged?.(end);
  });
}
