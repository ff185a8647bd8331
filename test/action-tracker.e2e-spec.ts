import { parse } from 'csv-parse/sync';
import { mayReadAction } from '../libs/actions/action-access.js';
import { WORK_OWED_STATES } from '../libs/actions/action-status.js';
import type { ActionState } from '../workflows/action.machine.js';
import { buildProgram } from '../apps/cli/src/program.js';
import { PasswordHasher } from '../libs/auth/password-hasher.js';
import { newAction, newPlanItem } from './support/action-fixtures.js';
import { testEngines } from './support/engines.js';
import { newAudit, newCase, newTeam } from './support/factories.js';
import { allPages } from './support/pages.js';
import { loginAs, newUser, Role, startTestApp, TEST_TODAY, type TestApp } from './support/test-app.js';
import { webSignIn } from './support/web-session.js';

/**
 * Issue 13, points 6 and 7: the tracker over HTTP, CSV, CLI and pages. The fixture is a small
 * council of two localities with actions in every state and at every distance from their due
 * date; each answer is checked against the same rules worked out here in plain code: the filters,
 * both sorts, the pages, the counts and, for every role, that nothing is listed or counted that
 * the same person could not open.
 */
const engines = await testEngines('action-tracker');

interface Fact {
  id: number;
  auditId: number;
  cycleId: number;
  teamId: number;
  localityId: number;
  ownerId: number;
  ownerUsername: string;
  team: string;
  dueOn: string;
  state: ActionState;
  planItemId: number | null;
}

interface Listed {
  id: number;
  ownerId: number;
  teamId: number;
  localityId: number | null;
  daysOverdue: number;
  overdue: boolean;
  dueSoon: boolean;
  state: string;
}

const STATES: ActionState[] = ['open', 'inProgress', 'done', 'closed', 'cancelled', 'open', 'inProgress'];
// TEST_TODAY is 2026-12-15: 25 and 14 days overdue, 1 day, due today, in 5 days, next month.
const DUES = ['2026-11-20', '2026-12-01', '2026-12-14', '2026-12-15', '2026-12-20', '2027-01-20'];
const FORMULA = '=HYPERLINK("http://evil.example","Click")';

/** Day arithmetic on YYYY-MM-DD, in plain code (the oracle does not borrow the app's). */
const dayNo = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
const isOverdue = (f: Fact) => WORK_OWED_STATES.includes(f.state) && f.dueOn < TEST_TODAY;
const byDue = (a: Fact, b: Fact) => a.dueOn.localeCompare(b.dueOn) || a.id - b.id;
const byOverdue = (a: Fact, b: Fact) => Number(isOverdue(b)) - Number(isOverdue(a)) || byDue(a, b);

describe.each(engines)('the actions tracker (%s)', (_engine, databaseUrl) => {
  let t: TestApp;
  const facts: Fact[] = [];
  const users = new Map<
    string,
    { id: number; role: Role; teamId: number | null; localityId: number | null }
  >();
  const tokens = new Map<string, string>();
  const audits: { id: number; cycleId: number; teamId: number }[] = [];
  let planItems: number[] = [];

  beforeAll(async () => {
    // 20 sign-ins: what is tested is what each may list, not argon2 (list-scope does the same).
    t = await startTestApp(databaseUrl(), {
      override: (builder) =>
        builder.overrideProvider(PasswordHasher).useValue({
          hash: async () => 'not-checked',
          verify: async () => true,
        }),
    });
    const ctx = { db: t.db, app: t.app };
    const north = await newTeam(t.db, { name: 'North A' });
    const northB = await newTeam(t.db, { name: 'North B', localityId: north.localityId! });
    const east = await newTeam(t.db, { name: 'East A' });
    const teams = [north, northB, east];
    const add = async (username: string, role: Role, teamId: number | null, localityId: number | null) => {
      const id = await newUser(t.db, {
        username,
        role,
        teamId,
        localityId,
        displayName: `Person ${username}`,
      });
      users.set(username, { id, role, teamId, localityId });
    };
    for (const [i, team] of teams.entries()) {
      await add(`sw${i}`, Role.SocialWorker, team.id, team.localityId);
      await add(`tm${i}`, Role.TeamManager, team.id, team.localityId);
    }
    await add('ap.north', Role.AdvancedPractitioner, null, north.localityId);
    await add('ap.east', Role.AdvancedPractitioner, null, east.localityId);
    await add('hos.north', Role.HeadOfService, null, north.localityId);
    await add('hos.east', Role.HeadOfService, null, east.localityId);
    await add('director', Role.Director, null, null);
    await add('admin', Role.Administrator, null, null);
    await add('senior', Role.SeniorManager, null, north.localityId);
    await add('moderator', Role.Moderator, null, null);
    await add('iro', Role.Iro, north.id, north.localityId);

    // Two audits in North A (two cycles), one in North B, one in East A.
    for (const team of [north, north, northB, east]) {
      const audit = await newAudit(ctx, { case: await newCase(t.db, { teamId: team.id }) });
      audits.push({ id: audit.id, cycleId: audit.cycleId, teamId: team.id });
    }
    planItems = [await newPlanItem(t.db, 'IP-1.1'), await newPlanItem(t.db, 'REC-4')];
    const raiser = users.get('ap.north')!.id;
    for (let i = 0; i < 36; i++) {
      const audit = audits[i % audits.length];
      const teamIndex = teams.findIndex((tm) => tm.id === audit.teamId);
      const ownerName = i % 3 === 2 ? `tm${teamIndex}` : `sw${teamIndex}`;
      const owner = users.get(ownerName)!;
      const state = STATES[i % STATES.length];
      const dueOn = DUES[i % DUES.length];
      const planItemId = i % 3 === 0 ? planItems[0] : i % 3 === 1 ? planItems[1] : null;
      const id = await newAction(ctx, {
        auditId: audit.id,
        teamId: audit.teamId,
        ownerId: owner.id,
        raisedBy: raiser,
        dueOn,
        state,
        planItemId,
        what: i === 0 ? FORMULA : `Action ${i}: update the plan`,
        why: i === 1 ? '<script>alert("x")</script>\nSecond line' : undefined,
      });
      facts.push({
        id,
        auditId: audit.id,
        cycleId: audit.cycleId,
        teamId: audit.teamId,
        localityId: teams[teamIndex].localityId!,
        ownerId: owner.id,
        ownerUsername: ownerName,
        team: teams[teamIndex].name,
        dueOn,
        state,
        planItemId,
      });
    }
    for (const username of users.keys()) tokens.set(username, await loginAs(t, username));
  }, 120_000);

  afterAll(() => t?.close());

  const get = (path: string, as = 'admin') => t.http().get(path).set('Authorization', tokens.get(as)!);
  const ids = (items: { id: number }[]) => items.map((i) => i.id);
  const expected = (keep: (f: Fact) => boolean, sort = byOverdue) => ids(facts.filter(keep).sort(sort));

  it('lists every action, most days overdue first, then by due date, with days overdue on the London day', async () => {
    const page = await get('/api/v1/actions?pageSize=500').expect(200);
    expect(page.body).toMatchObject({
      page: 1,
      pageSize: 500,
      total: facts.length,
      today: TEST_TODAY,
      sort: 'overdue',
    });
    expect(ids(page.body.items)).toEqual(expected(() => true));
    for (const item of page.body.items as Listed[]) {
      const fact = facts.find((f) => f.id === item.id)!;
      const late = isOverdue(fact) ? dayNo(TEST_TODAY) - dayNo(fact.dueOn) : 0;
      const soon =
        WORK_OWED_STATES.includes(fact.state) &&
        !isOverdue(fact) &&
        dayNo(fact.dueOn) - dayNo(TEST_TODAY) <= 7;
      expect([item.id, item.daysOverdue, item.overdue, item.dueSoon]).toEqual([
        item.id,
        late,
        late > 0,
        soon,
      ]);
    }
    const first = page.body.items[0];
    expect(first).toMatchObject({
      daysOverdue: 25,
      dueOn: '2026-11-20',
      caseRef: expect.any(String),
      planItem: expect.any(String),
    });
    expect(first.owner).toMatch(/^Person /);
  });

  it('sorts by due date when asked', async () => {
    const page = await get('/api/v1/actions?sort=due&pageSize=500').expect(200);
    expect(ids(page.body.items)).toEqual(expected(() => true, byDue));
  });

  it.each([
    [
      'owner',
      (u: Map<string, { id: number }>) => `owner=${u.get('sw0')!.id}`,
      (f: Fact) => f.ownerUsername === 'sw0',
    ],
    ['team', () => 'team=TEAM_NB', (f: Fact) => f.team === 'North B'],
    ['locality', () => 'locality=LOC_EAST', (f: Fact) => f.team === 'East A'],
    ['audit', () => 'audit=AUDIT_0', (f: Fact) => f.auditId === AUDIT_IDS[0]],
    ['cycle', () => 'cycle=CYCLE_1', (f: Fact) => f.cycleId === CYCLE_IDS[1]],
    [
      'status open',
      () => 'status=open',
      (f: Fact) => ['open', 'inProgress', 'done', 'verified'].includes(f.state),
    ],
    ['status overdue', () => 'status=overdue', isOverdue],
    ['status awaiting verification', () => 'status=awaiting-verification', (f: Fact) => f.state === 'done'],
    ['status closed', () => 'status=closed', (f: Fact) => f.state === 'closed'],
    ['status cancelled', () => 'status=cancelled', (f: Fact) => f.state === 'cancelled'],
    ['status all', () => 'status=all', () => true],
    ['state inProgress', () => 'state=inProgress', (f: Fact) => f.state === 'inProgress'],
    ['overdue', () => 'overdue=true', isOverdue],
    ['not overdue', () => 'overdue=false', (f: Fact) => !isOverdue(f)],
    [
      'due within 5 days',
      () => 'dueWithin=5',
      (f: Fact) => WORK_OWED_STATES.includes(f.state) && f.dueOn >= TEST_TODAY && f.dueOn <= '2026-12-20',
    ],
    [
      'due today',
      () => 'dueWithin=0',
      (f: Fact) => WORK_OWED_STATES.includes(f.state) && f.dueOn === TEST_TODAY,
    ],
    ['plan item', () => 'planItem=PLAN_1', (f: Fact) => f.planItemId === PLAN_IDS[1]],
    [
      'several at once',
      () => 'team=TEAM_NA&status=open&planItem=PLAN_0',
      (f: Fact) =>
        f.team === 'North A' &&
        ['open', 'inProgress', 'done'].includes(f.state) &&
        f.planItemId === PLAN_IDS[0],
    ],
  ])('filters by %s, in both sorts, with its counts', async (_name, query, keep) => {
    const q = resolve(query(users));
    const list = await get(`/api/v1/actions?${q}&pageSize=500`).expect(200);
    const wanted = expected(keep as (f: Fact) => boolean);
    expect(wanted.length).toBeGreaterThan(0);
    expect(ids(list.body.items)).toEqual(wanted);
    expect(list.body.total).toBe(wanted.length);
    const kept = facts.filter(keep as (f: Fact) => boolean);
    expect(list.body.counts).toEqual({
      total: kept.length,
      open: kept.filter((f) => ['open', 'inProgress', 'done', 'verified'].includes(f.state)).length,
      overdue: kept.filter(isOverdue).length,
      dueSoon: kept.filter(
        (f) => WORK_OWED_STATES.includes(f.state) && f.dueOn >= TEST_TODAY && f.dueOn <= '2026-12-22',
      ).length,
      awaitingVerification: kept.filter((f) => f.state === 'done').length,
    });
    const byDate = await get(`/api/v1/actions?${q}&sort=due&pageSize=500`).expect(200);
    expect(ids(byDate.body.items)).toEqual(expected(keep as (f: Fact) => boolean, byDue));
  });

  // The ids a filter names exist only once the fixture is built: placeholders, resolved per run.
  let AUDIT_IDS: number[] = [];
  let CYCLE_IDS: number[] = [];
  let PLAN_IDS: number[] = [];
  const resolve = (query: string) => {
    AUDIT_IDS = audits.map((a) => a.id);
    CYCLE_IDS = audits.map((a) => a.cycleId);
    PLAN_IDS = planItems;
    const teamOf = (name: string) => facts.find((f) => f.team === name)!;
    return query
      .replace('TEAM_NA', String(teamOf('North A').teamId))
      .replace('TEAM_NB', String(teamOf('North B').teamId))
      .replace('LOC_EAST', String(teamOf('East A').localityId))
      .replace('AUDIT_0', String(AUDIT_IDS[0]))
      .replace('CYCLE_1', String(CYCLE_IDS[1]))
      .replace('PLAN_0', String(PLAN_IDS[0]))
      .replace('PLAN_1', String(PLAN_IDS[1]));
  };

  it('pages in SQL: the pages together are the list, each row once, the total on every page', async () => {
    for (const sort of ['overdue', 'due']) {
      const seen: number[] = [];
      for (let page = 1; page <= 8; page++) {
        const body = (await get(`/api/v1/actions?sort=${sort}&pageSize=5&page=${page}`).expect(200)).body;
        expect(body.total).toBe(facts.length);
        expect(body.items.length).toBe(Math.max(0, Math.min(5, facts.length - (page - 1) * 5)));
        seen.push(...ids(body.items));
      }
      expect(seen).toEqual(expected(() => true, sort === 'due' ? byDue : byOverdue));
    }
  });

  it('refuses a filter it cannot read with a 422 naming the field, never a 500', async () => {
    for (const [query, field] of [
      ['status=late', 'status'],
      ['state=finished', 'state'],
      ['dueWithin=-1', 'dueWithin'],
      ['dueWithin=400', 'dueWithin'],
      ['overdue=maybe', 'overdue'],
      ['owner=abc', 'owner'],
      ['sort=owner', 'sort'],
      ['pageSize=0', 'pageSize'],
    ]) {
      const response = await get(`/api/v1/actions?${query}`).expect(422);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(response.body)).toContain(field);
    }
  });

  it('shows every role only what it may read, and counts nothing more', async () => {
    for (const [username, user] of users) {
      const reader = { ...user, id: user.id, username, displayName: username };
      const readable = facts.filter((f) => mayReadAction(reader, f));
      const items = await allPages<Listed>(t, '/api/v1/actions', tokens.get(username)!);
      for (const item of items)
        expect([username, item.id, mayReadAction(reader, item as never)]).toEqual([username, item.id, true]);
      expect([username, items.length]).toEqual([username, readable.length]);
      const first = (await get('/api/v1/actions?pageSize=1&status=all', username).expect(200)).body;
      expect([username, first.total, first.counts.total]).toEqual([
        username,
        readable.length,
        readable.length,
      ]);
      expect([username, first.counts.overdue]).toEqual([username, readable.filter(isOverdue).length]);
      // A filter can never reach past the scope: the East team as a North reader is empty.
      const east = facts.find((f) => f.team === 'East A')!;
      const eastList = (await get(`/api/v1/actions?team=${east.teamId}`, username).expect(200)).body;
      expect([username, eastList.total]).toEqual([
        username,
        readable.filter((f) => f.team === 'East A').length,
      ]);
      const mine = await allPages<Listed>(t, '/api/v1/my/actions', tokens.get(username)!);
      expect([username, ids(mine).sort()]).toEqual([
        username,
        ids(facts.filter((f) => f.ownerId === user.id)).sort(),
      ]);
      // The CSV exports no more than the list: the same rows.
      const csv = await get('/api/v1/actions.csv', username).expect(200);
      const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
      expect([username, rows.length]).toEqual([username, readable.length]);
    }
    // Every role had something to see or nothing, as the access rule says.
    expect(
      facts.filter((f) => mayReadAction({ ...users.get('ap.north')!, username: 'a', displayName: 'a' }, f))
        .length,
    ).toBeGreaterThan(0);
  }, 120_000);

  it('exports exactly what the filter shows, every page of it, with formulas made text', async () => {
    const query = 'status=all&sort=due';
    const listed = await allPages<Listed & { what: string; caseRef: string }>(
      t,
      `/api/v1/actions?${query}`,
      tokens.get('admin')!,
    );
    const response = await get(`/api/v1/actions.csv?${query}&pageSize=3&page=2`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="actions-${TEST_TODAY}.csv"`);
    const rows = parse(response.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => Number(r.Action))).toEqual(ids(listed));
    expect(Object.keys(rows[0])).toEqual([
      'Action',
      'Case reference',
      'What must change',
      'Owner',
      'Team',
      'Locality',
      'Due date',
      'State',
      'Days overdue',
      'Plan item',
      'Audit',
    ]);
    const formula = rows.find((r) => Number(r.Action) === facts[0].id)!;
    expect(formula['What must change']).toBe(`'${FORMULA}`);
    for (const row of rows) expect(row['What must change']).not.toMatch(/^[=+\-@\t\r]/);
    const overdue = await get('/api/v1/actions.csv?status=overdue').expect(200);
    expect((parse(overdue.text, { columns: true }) as unknown[]).length).toBe(facts.filter(isOverdue).length);
  });

  it('lists the actions through the CLI, all of them to the operator, narrowed by its options', async () => {
    const cli = async (...args: string[]) => {
      let stdout = '';
      await buildProgram({ stdout: (s) => (stdout += s), stderr: () => undefined }).parseAsync([
        'node',
        'case-audit',
        'actions',
        'list',
        '--today',
        TEST_TODAY,
        ...args,
      ]);
      return stdout;
    };
    const all = JSON.parse(await cli('--json'));
    expect(all.total).toBe(facts.length);
    expect(ids(all.items)).toEqual(expected(() => true));
    const overdue = JSON.parse(await cli('--overdue', '--json'));
    expect(ids(overdue.items)).toEqual(expected(isOverdue));
    const owned = JSON.parse(await cli('--owner', 'sw1', '--team', 'North B', '--json'));
    expect(ids(owned.items)).toEqual(expected((f) => f.ownerUsername === 'sw1' && f.team === 'North B'));
    expect(owned.items.length).toBeGreaterThan(0);
    const text = await cli('--overdue');
    expect(text).toContain('25 days overdue');
    expect(text).toContain(`${facts.filter(isOverdue).length} actions`);
  });

  it('shows the tracker, an action and the caller’s own actions as pages, within the same scope', async () => {
    const ap = await webSignIn(t, 'ap.north');
    const page = (path: string, cookie = ap.cookie) => t.http().get(path).set('Cookie', cookie);
    const tracker = await page('/actions').expect(200);
    expect(tracker.text).toContain('Actions in your locality');
    expect(tracker.text).toContain('25 days overdue');
    const readable = facts.filter((f) =>
      mayReadAction({ ...users.get('ap.north')!, username: 'ap.north', displayName: '' }, f),
    );
    const east = facts.find((f) => f.team === 'East A')!;
    const north = readable[0];
    const shown = await page(`/actions/${north.id}`).expect(200);
    expect(shown.text).toContain('History');
    expect(shown.text).toContain('Action raised');
    // What people wrote is shown as text, its line breaks kept, never as markup.
    const written = await page(`/actions/${facts[1].id}`, (await webSignIn(t, 'admin')).cookie).expect(200);
    expect(written.text).toMatch(/&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;<br \/>\s*Second line/);
    expect(written.text).not.toContain('<script>alert');
    // Another locality's action is the same 404 as one that does not exist.
    await page(`/actions/${east.id}`).expect(404);
    await page('/actions/999999').expect(404);
    const csv = await page('/actions.csv?status=overdue').expect(200);
    expect((parse(csv.text, { columns: true }) as unknown[]).length).toBe(readable.filter(isOverdue).length);
    const sw = await webSignIn(t, 'sw0');
    const mine = await page('/my-actions?status=all', sw.cookie).expect(200);
    expect(mine.text).toContain('My actions');
    const count = (mine.text.match(/href="\/actions\/\d+"/g) ?? []).length;
    expect(count).toBe(facts.filter((f) => f.ownerUsername === 'sw0').length);
    // The audit's page lists the actions it raised that its reader may read.
    const auditPage = await page(`/audits/${audits[0].id}`, (await webSignIn(t, 'admin')).cookie).expect(200);
    expect(auditPage.text).toContain('Actions from this audit');
  });
});
