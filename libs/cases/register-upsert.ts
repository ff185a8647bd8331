import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../persistence/index.js';

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
 * new, changed and closing in SQL, then insert and update in one statement each. Rows never
 * travel back into JavaScript, and importing the same file twice matches every row as unchanged.
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
  const columns = `case_ref varchar(64), cohort_code varchar(20), team_id integer, worker varchar(120),
    worker_key varchar(120), team_manager varchar(120), opened_on varchar(10), closed_on varchar(10)`;
  await m.query(
    sqlite
      ? `CREATE TEMP TABLE import_staging (${columns})`
      : `CREATE TEMP TABLE import_staging (${columns}) ON COMMIT DROP`,
  );
  try {
    await stage(m, rows, options.onStaged);
    options.onApplying?.();
    // Indexed after loading, which is faster than maintaining the index row by row.
    await m.query('CREATE UNIQUE INDEX import_staging_case_ref ON import_staging (case_ref)');
    const changed = (table: string) =>
      ['cohort_code', 'team_id', 'worker', 'worker_key', 'team_manager', 'opened_on', 'closed_on']
        .map((column) => differs(sqlite, `${table}.${column}`, `s.${column}`))
        .join(' OR ');
    const [counts] = await m.query(
      `SELECT
         SUM(CASE WHEN c.id IS NULL THEN 1 ELSE 0 END) AS imported,
         SUM(CASE WHEN c.id IS NOT NULL AND c.closed_on IS NULL AND s.closed_on IS NOT NULL THEN 1 ELSE 0 END) AS closing,
         SUM(CASE WHEN c.id IS NOT NULL AND NOT (c.closed_on IS NULL AND s.closed_on IS NOT NULL) AND (${changed('c')}) THEN 1 ELSE 0 END) AS updated
       FROM import_staging s LEFT JOIN cases c ON c.case_ref = s.case_ref`,
    );
    const imported = Number(counts.imported ?? 0);
    const updated = Number(counts.updated ?? 0);
    const closing = Number(counts.closing ?? 0);
    // Each statement is a pass over the register: skip the ones the counts show would do nothing.
    if (updated + closing > 0) {
      await m.query(
        `UPDATE cases SET cohort_code = s.cohort_code, team_id = s.team_id, worker = s.worker,
         worker_key = s.worker_key, team_manager = s.team_manager, opened_on = s.opened_on, closed_on = s.closed_on, updated_at = ${sqlite ? '?' : '$1'}
       FROM import_staging s WHERE cases.case_ref = s.case_ref AND (${changed('cases')})`,
        [options.now],
      );
    }
    if (imported > 0) {
      await m.query(
        `INSERT INTO cases (case_ref, cohort_code, team_id, worker, worker_key, team_manager, opened_on, closed_on, updated_at)
       SELECT s.case_ref, s.cohort_code, s.team_id, s.worker, s.worker_key, s.team_manager, s.opened_on, s.closed_on, ${sqlite ? '?' : '$1'}
       FROM import_staging s WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.case_ref = s.case_ref)`,
        [options.now],
      );
    }
    let closedByAbsence = 0;
    if (options.full) {
      // A case whose row was rejected is in the file, just unreadable: it must not be closed.
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
      const missing = `closed_on IS NULL
        AND NOT EXISTS (SELECT 1 FROM import_staging s WHERE s.case_ref = cases.case_ref)
        AND NOT EXISTS (SELECT 1 FROM import_kept k WHERE k.case_ref = cases.case_ref)`;
      const [{ n }] = await m.query(`SELECT COUNT(*) AS n FROM cases WHERE ${missing}`);
      closedByAbsence = Number(n);
      await m.query(
        `UPDATE cases SET closed_on = ${sqlite ? '?' : '$1'}, updated_at = ${sqlite ? '?' : '$2'} WHERE ${missing}`,
        [options.asOf, options.now],
      );
    }
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

/** Rows per slice when someone watches the progress: a few dozen reports for a big register. */
const PROGRESS_SLICE = 5000;

async function stage(
  m: EntityManager,
  rows: readonly StagedCase[],
  onStaged?: (staged: number) => void,
): Promise<void> {
  const values = (slice: readonly StagedCase[]) =>
    slice.map((r) => [
      r.caseRef,
      r.cohortCode,
      r.teamId,
      r.worker,
      r.workerKey,
      r.teamManager,
      r.openedOn,
      r.closedOn,
    ]);
  if (!onStaged) return bulkInsert(m, 'import_staging', STAGING_COLUMNS, values(rows));
  for (let start = 0; start < rows.length; start += PROGRESS_SLICE) {
    const slice = rows.slice(start, start + PROGRESS_SLICE);
    await bulkInsert(m, 'import_staging', STAGING_COLUMNS, values(slice));
    onStaged(start + slice.length);
    // better-sqlite3 is synchronous: without a turn of the event loop between slices, no other
    // request (the progress poll, its read connection ready) would be answered until the end.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
