import Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';

interface TransitionRow {
  entity_id: number;
  machine_id: string;
  machine_version: string;
  event: string;
  from_state: string;
  to_state: string;
  actor_id: number | null;
  actor_label: string;
  detail: string | null;
  at: string;
}

/**
 * The bare SQLite cost of the audit transitions a bench made: for each history row of `auditIds`
 * (in order), one transaction with the audit's UPDATE (snapshot, state, version, updated_at, as
 * the runner writes them) and the history INSERT, on prepared better-sqlite3 statements with the
 * app's pragmas. Rows are replayed at the end of the file's tables, so the work is the same size.
 */
export function sqliteFloor(
  file: string,
  auditIds: ReadonlySet<number>,
  label: string,
): { label: string; ops: number; transitions: number; ms: number; cpuMs: number } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const rows = (
    db
      .prepare(
        `SELECT entity_id, machine_id, machine_version, event, from_state, to_state, actor_id,
           actor_label, detail, at
         FROM workflow_transitions WHERE entity_type = 'audit' AND event NOT IN ('CREATE', 'ALLOCATE')
         ORDER BY id`,
      )
      .all() as TransitionRow[]
  ).filter((r) => auditIds.has(r.entity_id));
  const audits = new Map(
    (
      db.prepare('SELECT id, snapshot, version FROM audits').all() as {
        id: number;
        snapshot: string;
        version: number;
      }[]
    )
      .filter((a) => auditIds.has(a.id))
      .map((a) => [a.id, a]),
  );
  const update = db.prepare(
    'UPDATE audits SET snapshot = ?, state = ?, machine_version = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?',
  );
  const insert = db.prepare(
    `INSERT INTO workflow_transitions (entity_type, entity_id, machine_id, machine_version, event,
       from_state, to_state, actor_id, actor_label, detail, at)
     VALUES ('audit', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const transition = db.transaction((r: TransitionRow) => {
    const audit = audits.get(r.entity_id)!;
    const changed = update.run(
      audit.snapshot,
      r.to_state,
      r.machine_version,
      audit.version + 1,
      r.at,
      audit.id,
      audit.version,
    );
    if (changed.changes !== 1) throw new Error(`audit ${audit.id}: version ${audit.version} not found`);
    audit.version++;
    insert.run(
      r.entity_id,
      r.machine_id,
      r.machine_version,
      r.event,
      r.from_state,
      r.to_state,
      r.actor_id,
      r.actor_label,
      r.detail,
      r.at,
    );
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const r of rows) transition(r);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  db.close();
  return { label, ops: rows.length, transitions: rows.length, ms, cpuMs: (used.user + used.system) / 1000 };
}
