import type { EntityManager } from 'typeorm';
import { statesTagged } from '../../workflows/state-tags.js';
import { actionMachine, ActionTag } from '../../workflows/action.machine.js';
import type { NoticeStep } from './action-notice.entity.js';
import type { DueWindow } from './rules/notice-dates.js';

/** The states in which work is owed, so reminders, overdue notices and escalation apply. */
export const WORK_OWED_STATES: readonly string[] = statesTagged(actionMachine, ActionTag.WorkOwed);

/** Bind parameters in the manager's dialect, numbered as they are added. */
export class SqlParams {
  readonly values: unknown[] = [];
  constructor(private readonly postgres: boolean) {}

  static for(m: EntityManager): SqlParams {
    return new SqlParams(m.connection.options.type === 'postgres');
  }

  add(value: unknown): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : '?';
  }

  list(values: readonly unknown[]): string {
    return values.map((v) => this.add(v)).join(', ');
  }
}

export interface Candidate {
  id: number;
  dueOn: string;
  ownerId: number;
  teamId: number;
  localityId: number | null;
  state: string;
  machineId: string;
  machineVersion: string;
}

/**
 * The condition that makes an action (alias `a`) a candidate for `step` today: in a work-owed
 * state, its due date inside the step's window, and no claim yet for this step and due date.
 * Shared by the job and by bench/actions, whose bare query runs exactly this.
 */
export function candidateWhere(p: SqlParams, step: NoticeStep, window: DueWindow): string {
  return [
    `a.state IN (${p.list(WORK_OWED_STATES)})`,
    window.from === null ? null : `a.due_on >= ${p.add(window.from)}`,
    `a.due_on <= ${p.add(window.to)}`,
    `NOT EXISTS (SELECT 1 FROM action_notices n
       WHERE n.action_id = a.id AND n.step = ${p.add(step)} AND n.due_on = a.due_on)`,
  ]
    .filter(Boolean)
    .join(' AND ');
}

const CANDIDATE_COLUMNS = `a.id, a.due_on AS "dueOn", a.owner_id AS "ownerId", a.team_id AS "teamId",
  t.locality_id AS "localityId", a.state, a.machine_id AS "machineId", a.machine_version AS "machineVersion"`;

/**
 * Up to `limit` unclaimed candidates for `step`, in no particular order. No ORDER BY, on
 * purpose: PostgreSQL then reads the window with a bitmap scan and an anti-join on the claims,
 * as the bare query does, instead of fetching rows one by one in due-date order (3 s against
 * 0.9 s for 50,000 overdue actions among 1,000,000). The caller claims what it read and asks
 * again; claimed rows drop out by the NOT EXISTS, so each pass makes progress.
 */
export async function unclaimedCandidates(
  m: EntityManager,
  query: { step: NoticeStep; window: DueWindow; limit: number },
): Promise<Candidate[]> {
  const p = SqlParams.for(m);
  const rows: Record<string, unknown>[] = await m.query(
    `SELECT ${CANDIDATE_COLUMNS}
     FROM actions a JOIN teams t ON t.id = a.team_id
     WHERE ${candidateWhere(p, query.step, query.window)}
     LIMIT ${Math.floor(query.limit)}`,
    p.values,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    dueOn: String(r.dueOn),
    ownerId: Number(r.ownerId),
    teamId: Number(r.teamId),
    localityId: r.localityId === null ? null : Number(r.localityId),
    state: String(r.state),
    machineId: String(r.machineId),
    machineVersion: String(r.machineVersion),
  }));
}

/**
 * Claims `step` for the batch's actions that are still candidates (in a work-owed state, due in
 * the window): one INSERT … ON CONFLICT DO NOTHING, which both engines run so that of any number
 * of racing callers exactly one inserts each row. RETURNING gives the rows this caller inserted:
 * the notices it, and only it, must send.
 */
export async function claimNotices(
  m: EntityManager,
  claim: { ids: readonly number[]; step: NoticeStep; window: DueWindow; sentOn: string; at: string },
): Promise<Set<number>> {
  if (claim.ids.length === 0) return new Set();
  const p = SqlParams.for(m);
  const select = `SELECT a.id, ${p.add(claim.step)}, a.due_on, ${p.add(claim.sentOn)}, ${p.add(claim.at)}
    FROM actions a
    WHERE a.id IN (${p.list(claim.ids)}) AND a.state IN (${p.list(WORK_OWED_STATES)})
      ${claim.window.from === null ? '' : `AND a.due_on >= ${p.add(claim.window.from)}`}
      AND a.due_on <= ${p.add(claim.window.to)}`;
  const rows: { action_id: number | string }[] = await m.query(
    `INSERT INTO action_notices (action_id, step, due_on, sent_on, created_at) ${select}
     ON CONFLICT (action_id, step, due_on) DO NOTHING
     RETURNING action_id`,
    p.values,
  );
  return new Set(rows.map((r) => Number(r.action_id)));
}

/**
 * The bare SQL that finds the job's candidates for `windows` (every step, no batches, no claims):
 * bench/actions times the job against it. Returns how many rows it read.
 */
export async function readAllCandidates(
  m: EntityManager,
  windows: Record<NoticeStep, DueWindow | null>,
): Promise<number> {
  let rows = 0;
  for (const step of Object.keys(windows) as NoticeStep[]) {
    const window = windows[step];
    if (!window) continue;
    const p = SqlParams.for(m);
    const found: unknown[] = await m.query(
      `SELECT ${CANDIDATE_COLUMNS} FROM actions a JOIN teams t ON t.id = a.team_id
       WHERE ${candidateWhere(p, step, window)}`,
      p.values,
    );
    rows += found.length;
  }
  return rows;
}
