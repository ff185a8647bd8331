import { In } from 'typeorm';
import { createActor } from 'xstate';
import { buildProgram } from '../apps/cli/src/program.js';
import { ActionNotice } from '../libs/actions/action-notice.entity.js';
import { Action } from '../libs/actions/action.entity.js';
import { OverdueJobService } from '../libs/actions/overdue-job.service.js';
import { addDays } from '../libs/actions/rules/notice-dates.js';
import { FixedClock } from '../libs/clock/index.js';
import { Notification } from '../libs/notifications/notification.entity.js';
import { WorkflowTransition } from '../libs/persistence/workflow-transition.entity.js';
import { type ActionEvent, actionMachine } from '../workflows/action.machine.js';
import { testEngines } from './support/engines.js';
import { newAudit, newCase } from './support/factories.js';
import {
  newOrg,
  newUser,
  Role,
  startTestApp,
  TEST_NOW,
  TEST_TODAY,
  type TestApp,
} from './support/test-app.js';

/** Runs the real CLI program in-process, capturing what it prints. */
async function cli(...args: string[]): Promise<string> {
  let stdout = '';
  const program = buildProgram({ stdout: (t) => (stdout += t), stderr: () => undefined });
  await program.parseAsync(['node', 'case-audit', ...args]);
  return stdout;
}

/** The events that bring a new action to each resting state. */
const PATHS: Record<string, (verifierId: number) => ActionEvent[]> = {
  open: () => [],
  inProgress: () => [{ type: 'START' }],
  done: () => [{ type: 'MARK_DONE', whatWasDone: 'Plan updated', evidence: 'Plan v2' }],
  closed: (verifierId) => [
    { type: 'MARK_DONE', whatWasDone: 'Plan updated', evidence: 'Plan v2' },
    { type: 'VERIFY', verifierId },
    { type: 'CLOSE' },
  ],
  cancelled: () => [{ type: 'CANCEL', reason: 'No longer applies' }],
};

/** 07:00 in London on `day` (GMT or BST): the time the app runs the job by default. */
const morningOf = (day: string) => new Date(`${day}T07:00:00+0${day >= '2027-03-28' ? 1 : 0}:00`);

const engines = await testEngines('overdue-job');

describe.each(engines)('the overdue job (%s)', (_engine, databaseUrl) => {
  const clock = new FixedClock(TEST_NOW);
  let url: string;
  let t: TestApp;
  let other: TestApp;
  let auditId: number;
  let teamId: number;
  let ownerId: number;
  let managerId: number;
  let headId: number;
  let apId: number;

  beforeAll(async () => {
    url = databaseUrl();
    t = await startTestApp(url, { clock });
    // A second instance on the same database, as a second server (or a CLI run) would be.
    other = await startTestApp(url, { clock });
    const org = await newOrg(t.db, [
      ['North CP', 'North', 'CP'],
      ['South CP', 'South', 'CP'],
    ]);
    teamId = org.teams.get('North CP')!;
    const north = org.localities.get('North')!;
    ownerId = await newUser(t.db, { role: Role.SocialWorker, teamId });
    managerId = await newUser(t.db, { role: Role.TeamManager, teamId });
    // Nobody else hears: a former manager, another team's manager, another locality's head.
    await newUser(t.db, { role: Role.TeamManager, teamId, active: false });
    await newUser(t.db, { role: Role.TeamManager, teamId: org.teams.get('South CP')! });
    await newUser(t.db, { role: Role.HeadOfService, localityId: org.localities.get('South')! });
    headId = await newUser(t.db, { role: Role.HeadOfService, localityId: north });
    apId = await newUser(t.db, { role: Role.AdvancedPractitioner, localityId: north });
    const theCase = await newCase(t.db, { teamId });
    auditId = (await newAudit({ db: t.db, app: t.app }, { case: theCase })).id;
  });

  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  /** Actions on the audit, each in its state with the machine's own snapshot. */
  async function newActions(specs: { dueOn: string; state?: string }[]): Promise<number[]> {
    const rows = specs.map(({ dueOn, state = 'open' }) => {
      const actor = createActor(actionMachine, { input: { ownerId, dueOn } }).start();
      for (const event of PATHS[state](apId)) actor.send(event);
      const snapshot = actor.getPersistedSnapshot();
      const reached = String(actor.getSnapshot().value);
      actor.stop();
      if (reached !== state) throw new Error(`the path to ${state} reached ${reached}`);
      return {
        auditId,
        teamId,
        what: 'Update the plan',
        why: 'The plan was out of date',
        domainKey: null,
        successMeasure: 'A current plan',
        ownerId,
        dueOn,
        planItemId: null,
        raisedBy: apId,
        closedAt: null,
        machineId: actionMachine.id,
        machineVersion: String(actionMachine.version),
        state,
        snapshot,
      };
    });
    const ids: number[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const { identifiers } = await t.db.transaction((m) => m.insert(Action, rows.slice(i, i + 500)));
      ids.push(...identifiers.map((x) => Number(x.id)));
    }
    return ids;
  }

  /** The outbox's notices about these actions: action, step and recipient, in the order queued. */
  async function noticesAbout(ids: number[]) {
    const wanted = new Set(ids);
    const rows = await t.db.read((m) => m.find(Notification, { order: { id: 'ASC' } }));
    return rows
      .filter((n) => wanted.has(Number(n.payload.actionId)))
      .map((n) => ({ actionId: Number(n.payload.actionId), step: n.payload.step, to: n.recipientId, n }));
  }

  const claimsOf = (ids: number[]) =>
    t.db.read((m) => m.find(ActionNotice, { where: { actionId: In(ids) }, order: { id: 'ASC' } }));

  const job = (app: TestApp = t) => app.app.get(OverdueJobService);

  it('moving day by day across the due date: early and last reminder, overdue, escalation, once each, in order', async () => {
    const due = addDays(TEST_TODAY, 10);
    const [open, started] = await newActions([{ dueOn: due }, { dueOn: due, state: 'inProgress' }]);
    const seen: { day: string; actionId: number; step: unknown; to: number }[] = [];
    let count = 0;
    for (let d = 0; d <= 30; d++) {
      const day = addDays(TEST_TODAY, d);
      clock.set(morningOf(day));
      await job().run();
      // The same morning again (a restart, a second timer): nothing more goes.
      await expect(job().run()).resolves.toEqual({ reminded: 0, overdue: 0, escalated: 0 });
      const notices = await noticesAbout([open, started]);
      for (const n of notices.slice(count)) seen.push({ day, actionId: n.actionId, step: n.step, to: n.to });
      count = notices.length;
    }
    for (const id of [open, started]) {
      expect(seen.filter((s) => s.actionId === id).map(({ day, step, to }) => ({ day, step, to }))).toEqual([
        { day: addDays(due, -7), step: 'reminder-early', to: ownerId },
        { day: addDays(due, -1), step: 'reminder-last', to: ownerId },
        { day: addDays(due, 1), step: 'overdue', to: ownerId },
        { day: addDays(due, 1), step: 'overdue', to: managerId },
        { day: addDays(due, 14), step: 'escalated', to: headId },
      ]);
    }
    // What a notice carries: ids, the step, the days and a link; nothing about the child or case.
    const [escalation] = (await noticesAbout([open])).filter((n) => n.step === 'escalated');
    expect(escalation.n.payload).toEqual({
      actionId: open,
      step: 'escalated',
      daysOverdue: 14,
      path: `/actions/${open}`,
    });
    // The escalation is in the action's own history, as the system's doing.
    const history = await t.db.read((m) =>
      m.find(WorkflowTransition, { where: { entityType: 'action', entityId: open, event: 'ESCALATED' } }),
    );
    expect(history).toEqual([
      expect.objectContaining({ fromState: 'open', toState: 'open', actorLabel: 'system', actorId: null }),
    ]);
    expect(history[0].detail).toEqual({ dueOn: due, daysOverdue: 14, to: [headId] });
  });

  it('an action done, closed or cancelled gets nothing', async () => {
    clock.set(TEST_NOW);
    const [owed, ...resolved] = await newActions([
      { dueOn: addDays(TEST_TODAY, -20) },
      { dueOn: addDays(TEST_TODAY, -20), state: 'done' },
      { dueOn: addDays(TEST_TODAY, -20), state: 'closed' },
      { dueOn: addDays(TEST_TODAY, -20), state: 'cancelled' },
      { dueOn: addDays(TEST_TODAY, 1), state: 'cancelled' },
    ]);
    await job().run();
    expect((await claimsOf([owed])).map((c) => c.step)).toEqual(['overdue', 'escalated']);
    await expect(claimsOf(resolved)).resolves.toEqual([]);
    await expect(noticesAbout(resolved)).resolves.toEqual([]);
  });

  it('two app instances running it at the same moment send each notice exactly once', async () => {
    clock.set(morningOf('2027-01-20'));
    await job().run(); // what earlier tests left due goes first, so the counts below are this test's
    const overdue = await newActions(Array.from({ length: 1200 }, () => ({ dueOn: '2027-01-01' })));
    const soon = await newActions(
      Array.from({ length: 300 }, (_, i) => ({ dueOn: '2027-01-23', state: i % 2 ? 'inProgress' : 'open' })),
    );
    const [a, b] = await Promise.all([job(t).run(), job(other).run()]);
    expect({
      reminded: a.reminded + b.reminded,
      overdue: a.overdue + b.overdue,
      escalated: a.escalated + b.escalated,
    }).toEqual({ reminded: 300, overdue: 1200, escalated: 1200 });
    const notices = await noticesAbout([...overdue, ...soon]);
    const keys = notices.map((n) => `${n.actionId}/${String(n.step)}/${n.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    // 1,200 overdue to the owner and the manager, 1,200 escalated, 300 early reminders.
    expect(notices).toHaveLength(1200 * 2 + 1200 + 300);
    expect(await claimsOf([...overdue, ...soon])).toHaveLength(1200 * 2 + 300);
    await expect(Promise.all([job(t).run(), job(other).run()])).resolves.toEqual([
      { reminded: 0, overdue: 0, escalated: 0 },
      { reminded: 0, overdue: 0, escalated: 0 },
    ]);
  });

  it('`case-audit jobs run overdue --today … --json` prints what that run sent', async () => {
    const today = '2027-06-01';
    await job().run({ today }); // everything earlier tests left due on that day goes first
    await newActions([
      { dueOn: addDays(today, 1) },
      { dueOn: addDays(today, -1) },
      { dueOn: addDays(today, -20), state: 'inProgress' },
    ]);
    process.env.DATABASE_URL = url;
    expect(JSON.parse(await cli('jobs', 'run', 'overdue', '--today', today, '--json'))).toEqual({
      reminded: 1,
      overdue: 2,
      escalated: 1,
    });
    await expect(cli('jobs', 'run', 'overdue', '--today', today)).resolves.toBe(
      'Reminded 0, overdue 0, escalated 0.\n',
    );
  });
});
