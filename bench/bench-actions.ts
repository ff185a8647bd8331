import { createActor } from 'xstate';
import { addDays } from '../libs/actions/index.js';
import { bulkInsert, type Db } from '../libs/persistence/index.js';
import { type ActionEvent, actionMachine } from '../workflows/action.machine.js';

const COLUMNS = [
  'audit_id',
  'team_id',
  'what',
  'why',
  'success_measure',
  'owner_id',
  'due_on',
  'raised_by',
  'machine_id',
  'machine_version',
  'state',
  'snapshot',
  'version',
  'created_at',
  'updated_at',
];

const PATHS: Record<string, ActionEvent[]> = {
  open: [],
  inProgress: [{ type: 'START' }],
  done: [{ type: 'MARK_DONE', whatWasDone: 'Plan updated', evidence: 'Plan v2' }],
  closed: [
    { type: 'MARK_DONE', whatWasDone: 'Plan updated', evidence: 'Plan v2' },
    { type: 'VERIFY', verifierId: -1 },
    { type: 'CLOSE' },
  ],
  cancelled: [{ type: 'CANCEL', reason: 'No longer applies' }],
};

/** The machine's own snapshot of each state, with the owner and due date left to fill in per row. */
function snapshotTemplates(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(PATHS).map(([state, events]) => {
      const actor = createActor(actionMachine, { input: { ownerId: -424242, dueOn: '0000-00-00' } }).start();
      for (const event of events) actor.send(event);
      const json = JSON.stringify(actor.getPersistedSnapshot());
      actor.stop();
      return [state, json];
    }),
  );
}

export interface BenchActionsShape {
  total: number;
  overdue: number;
  dueWithinWeek: number;
}

/** Rows made in JS and bulk-inserted; the rest are copies of them made by the database. */
const FIRST = 50_000;

/**
 * `count` actions spread over the audits given ([audit id, team id, owner id]): 10% overdue by 1
 * to 60 days (open or in progress), 5% due within the next 7 days, 35% due later, and half done,
 * closed or cancelled with due dates either side of `today`. The first 50,000 are bulk-inserted
 * (bulkInsert); the rest are copies of them made with INSERT … SELECT, doubling, so the shares
 * hold and a million rows take seconds rather than minutes. A page bench can seed the tracker
 * with this too.
 */
export async function seedBenchActions(
  db: Db,
  options: { count: number; today: string; audits: readonly [number, number, number][] },
): Promise<BenchActionsShape> {
  const templates = snapshotTemplates();
  const at = `${options.today}T06:00:00.000Z`;
  const rows: unknown[][] = [];
  for (let i = 0; i < Math.min(options.count, FIRST); i++) {
    const band = i % 100;
    let state: string;
    let dueOn: string;
    if (band < 10) {
      state = i % 2 ? 'inProgress' : 'open';
      dueOn = addDays(options.today, -(1 + ((i * 7919) % 60)));
    } else if (band < 15) {
      state = i % 2 ? 'inProgress' : 'open';
      dueOn = addDays(options.today, 1 + ((i * 31) % 7));
    } else if (band < 50) {
      state = i % 2 ? 'inProgress' : 'open';
      dueOn = addDays(options.today, 8 + (i % 300));
    } else {
      state = ['done', 'closed', 'cancelled'][i % 3];
      dueOn = addDays(options.today, -200 + (i % 400));
    }
    const [auditId, teamId, ownerId] = options.audits[i % options.audits.length];
    const snapshot = templates[state].replace('-424242', String(ownerId)).replaceAll('0000-00-00', dueOn);
    rows.push([
      auditId,
      teamId,
      'Update the plan',
      'The plan was out of date',
      'A current plan',
      ownerId,
      dueOn,
      ownerId,
      actionMachine.id,
      String(actionMachine.version),
      state,
      snapshot,
      1,
      at,
      at,
    ]);
  }
  await db.transaction((m) => bulkInsert(m, 'actions', COLUMNS, rows), { bulk: true });
  let inserted = rows.length;
  while (inserted < options.count) {
    const n = Math.min(inserted, options.count - inserted);
    const list = COLUMNS.join(', ');
    await db.transaction(
      (m) => m.query(`INSERT INTO actions (${list}) SELECT ${list} FROM actions ORDER BY id LIMIT ${n}`),
      { bulk: true },
    );
    inserted += n;
  }
  const count = (where: string) =>
    db.read(async (m) => Number((await m.query(`SELECT COUNT(*) AS n FROM actions WHERE ${where}`))[0].n));
  const owed = `state IN ('open', 'inProgress')`;
  return {
    total: inserted,
    overdue: await count(`${owed} AND due_on < '${options.today}'`),
    dueWithinWeek: await count(
      `${owed} AND due_on > '${options.today}' AND due_on <= '${addDays(options.today, 7)}'`,
    ),
  };
}
