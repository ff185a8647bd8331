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

/** Where a batch starts: after this (due date, id), in that order. */
export interface CandidateCursor {
  dueOn: string;
  id: number;
}

/**
 * The condition that makes an action (alias `a`) in `state` a candidate for `step` today: its due
 * date inside the step's window and no claim yet for this step and due date. Shared by the job
 * and by bench/actions, whose bare query runs exactly this.
 */
export function candidateWhere(p: SqlParams, state: string, step: NoticeStep, window: DueWindow): string {
  return [
    `a.state = ${p.add(state)}`,
    window.from === null ? null : `a.due_on >= ${p.add(window.from)}`,
    `a.due_on <= ${p.add(window.to)}`,
    `NOT EXISTS (SELECT 1 FROM action_notices n
       WHERE n.action_id = a.id AND n.step = ${p.add(step)} AND n.due_on = a.due_on)`,
  ]
    .filter(Boolean)
    .join(' AND ');
}

/**
 * One batch of candidates, in (due date, id) order from the cursor: one state at a time, so the
 * (state, due_on) index serves both the range and the order and each batch reads only its rows.
 */
export async function candidateBatch(
  m: EntityManager,
  query: { state: string; step: NoticeStep; window: DueWindow; after: CandidateCursor | null; limit: number },
): Promise<Candidate[]> {
  const p = SqlParams.for(m);
  let where = candidateWhere(p, query.state, query.step, query.window);
  if (query.after) {
    // The plain bound lets PostgreSQL start the index scan at the cursor's day.
    const day = p.add(query.after.dueOn);
    where += ` AND a.due_on >= ${day} AND (a.due_on > ${p.add(query.after.dueOn)} OR a.id > ${p.add(query.after.id)})`;
  }
  const rows: Record<string, unknown>[] = await m.query(
    `SELECT a.id, a.due_on AS "dueOn", a.owner_id AS "ownerId", a.team_id AS "teamId",
       t.locality_id AS "localityId", a.state, a.machine_id AS "machineId",
       a.machine_version AS "machineVersion"
     FROM actions a JOIN teams t ON t.id = a.team_id
     WHERE ${where}
     ORDER BY a.due_on, a.id
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
