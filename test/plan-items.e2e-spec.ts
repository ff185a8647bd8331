import { FixedClock } from '../libs/clock/index.js';
import { WorkflowRunner } from '../libs/persistence/workflow-runner.service.js';
import { type DemoActionState, raiseDemoAction } from '../libs/demo/demo-action-run.js';
import { plusDays } from '../libs/actions/rules/plan-rag.js';
import { PlanItemsService } from '../libs/actions/index.js';
import { testEngines } from './support/engines.js';
import { newActor, newAudit, newTeam } from './support/factories.js';
import { loginAs, newUser, Role, startTestApp, type TestApp, TEST_TODAY } from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';

const engines = await testEngines('plan-items');

type Item = { id: number; reference: string; version: number; rag: string; actions: Record<string, number> };

describe.each(engines)('improvement-plan items and their RAG (HTTP, %s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let admin: string;
  let manager: string;
  let worker: string;
  let otherManager: string;
  let adminPage: WebSession;
  let managerPage: WebSession;
  const link = new Map<string, [DemoActionState, number][]>();

  const api = (method: 'get' | 'post' | 'put', path: string, auth: string) =>
    t.http()[method](`/api/v1/plan-items${path}`).set('Authorization', auth);
  const create = (reference: string, extra: Record<string, unknown> = {}) =>
    api('post', '', admin).send({
      reference,
      title: `Item ${reference}`,
      source: 'improvement_plan',
      owner: 'Head of Service',
      ...extra,
    });
  const list = async (): Promise<Map<string, Item>> => {
    const body = (await api('get', '?pageSize=500', admin).expect(200)).body as { items: Item[] };
    return new Map(body.items.map((i) => [i.reference, i]));
  };
  const page = (path: string, s: WebSession) => t.http().get(path).set('Cookie', s.cookie);
  const post = (path: string, form: Record<string, string>, s: WebSession = adminPage) =>
    t
      .http()
      .post(path)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: s.csrf, ...form });

  beforeAll(async () => {
    t = await startTestApp(databaseUrl());
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    const audit = await newAudit(t);
    const teamId = audit.case.teamId;
    const tm = await newActor(t.db, { username: 'tm.plan', role: Role.TeamManager, teamId });
    const sw = await newActor(t.db, { username: 'sw.plan', role: Role.SocialWorker, teamId });
    await newUser(t.db, {
      username: 'tm.elsewhere',
      role: Role.TeamManager,
      teamId: (await newTeam(t.db)).id,
    });
    const logins = ['admin', 'tm.plan', 'sw.plan', 'tm.elsewhere'].map((u) => loginAs(t, u));
    [admin, manager, worker, otherManager] = await Promise.all(logins);
    [adminPage, managerPage] = [await webSignIn(t, 'admin'), await webSignIn(t, 'tm.plan')];

    // TEST_TODAY is 2026-12-15: "due soon" runs to 2026-12-29.
    link.set('P-NONE', []);
    link.set('P-CANCELLED', [['cancelled', 3]]);
    link.set('P-BLUE', [
      ['closed', -5],
      ['cancelled', 4],
    ]);
    link.set('P-RED', [
      ['open', -1],
      ['inProgress', 3],
      ['closed', 2],
    ]);
    link.set('P-AMBER', [
      ['inProgress', 14],
      ['done', -10],
    ]);
    link.set('P-GREEN', [
      ['open', 15],
      ['closed', -20],
      ['done', 1],
    ]);
    const runner = t.app.get(WorkflowRunner);
    const actor = (u: { id: number; username: string }) => ({ id: u.id, label: u.username });
    for (const [reference, actions] of link) {
      const item = (await create(reference).expect(201)).body as Item;
      await t.db.transaction(async (m) => {
        for (const [state, due] of actions) {
          const action = {
            auditId: audit.id,
            teamId,
            owner: actor(sw),
            manager: actor(tm),
            raisedBy: actor(audit.auditor!),
            what: 'Update the plan',
            why: 'The audit found no contingency',
            successMeasure: 'The plan has one',
            dueOn: plusDays(TEST_TODAY, due),
            planItemId: item.id,
            state,
          };
          await raiseDemoAction(m, runner, action, t.clock.nowIso());
        }
      });
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('colours each item from its linked actions: blue, red, amber, green, or none', async () => {
    const items = await list();
    const rag = Object.fromEntries([...link.keys()].map((ref) => [ref, items.get(ref)!.rag]));
    expect(rag).toEqual({
      'P-NONE': 'none',
      'P-CANCELLED': 'none',
      'P-BLUE': 'blue',
      'P-RED': 'red',
      'P-AMBER': 'amber',
      'P-GREEN': 'green',
    });
    expect(items.get('P-RED')!.actions).toEqual({ total: 3, closed: 1, resolved: 1, overdue: 1, dueSoon: 1 });
    expect(items.get('P-GREEN')!.actions).toEqual({
      total: 3,
      closed: 1,
      resolved: 1,
      overdue: 0,
      dueSoon: 0,
    });
  });

  it('moves with the Clock: a day on, green falls due soon; past the due dates, they turn red', async () => {
    const clock = t.clock as FixedClock;
    // The service, not HTTP: sessions would expire with the clock moved on.
    const ragOf = async () => {
      const { items } = await t.app.get(PlanItemsService).list({ page: 1, pageSize: 500 }, null);
      return new Map(items.map((i) => [i.reference, i.rag]));
    };
    try {
      clock.set('2026-12-16T10:00:00.000Z');
      expect((await ragOf()).get('P-GREEN')).toBe('amber');
      clock.set('2026-12-31T10:00:00.000Z');
      const items = await ragOf();
      expect(['P-AMBER', 'P-GREEN', 'P-BLUE'].map((ref) => items.get(ref))).toEqual(['red', 'red', 'blue']);
    } finally {
      clock.set('2026-12-15T10:00:00.000Z');
    }
  });

  it('creates an item and refuses a reference already taken, whatever its case, or a field missing', async () => {
    const made = (await create('IP-9.1', { title: '  Chronologies  ' }).expect(201)).body as Item;
    expect(made).toMatchObject({ reference: 'IP-9.1', title: 'Chronologies', version: 1, rag: 'none' });
    const taken = await create('ip-9.1').expect(409);
    expect(taken.body.errors).toEqual([
      { field: 'reference', message: 'IP-9.1 is already the reference of another plan item' },
    ]);
    const blank = await create('IP-9.2', { title: '   ' }).expect(422);
    expect(blank.body.errors.map((e: { field: string }) => e.field)).toEqual(['title']);
    const source = await create('IP-9.3', { source: 'rumour' }).expect(422);
    expect(source.body.errors.map((e: { field: string }) => e.field)).toEqual(['source']);
    const items = await list();
    expect(['IP-9.2', 'IP-9.3'].filter((ref) => items.has(ref))).toEqual([]);
  });

  it('updates an item at the version read, and refuses a stale version or a taken reference', async () => {
    const item = (await create('IP-8.1').expect(201)).body as Item;
    const changed = await api('put', `/${item.id}`, admin)
      .send({ version: 1, title: 'Supervision' })
      .expect(200);
    expect(changed.body).toMatchObject({ reference: 'IP-8.1', title: 'Supervision', version: 2 });
    const stale = await api('put', `/${item.id}`, admin)
      .send({ version: 1, title: 'Lost update' })
      .expect(409);
    expect(stale.body.code).toBe('STALE_UPDATE');
    const taken = await api('put', `/${item.id}`, admin).send({ version: 2, reference: 'p-red' }).expect(409);
    expect(taken.body.errors).toEqual([{ field: 'reference', message: expect.any(String) }]);
    await api('put', '/999999', admin).send({ version: 1, title: 'Nobody' }).expect(404);
    await api('put', `/${item.id}`, admin).send({ title: 'No version' }).expect(422);
    expect((await api('get', `/${item.id}`, admin).expect(200)).body).toMatchObject({
      title: 'Supervision',
      version: 2,
    });
  });

  it('lets managers read the plan and only administrators change it; a social worker gets 403', async () => {
    await api('get', '', manager).expect(200);
    await api('post', '', manager)
      .send({ reference: 'TM-1', title: 'x', source: 'improvement_plan', owner: 'x' })
      .expect(403);
    await api('get', '', worker).expect(403);
    await t.http().get('/api/v1/plan-items').expect(401);
    const own = (await api('get', '?pageSize=500', manager).expect(200)).body as { items: Item[] };
    expect(own.items.find((i) => i.reference === 'P-RED')).toMatchObject({
      rag: 'red',
      actions: { total: 3 },
    });
    // Another team's manager counts none of these actions: the actions' access rule holds for counts too.
    const elsewhere = (await api('get', '?pageSize=500', otherManager).expect(200)).body as { items: Item[] };
    expect(elsewhere.items.find((i) => i.reference === 'P-RED')).toMatchObject({
      rag: 'none',
      actions: { total: 0 },
    });
    const html = (await page('/admin/plan', managerPage).expect(200)).text;
    expect(html).toContain('The counts and status cover the actions on your team’s cases');
    await page('/admin/plan/new', managerPage).expect(403);
    expect((await list()).has('TM-1')).toBe(false);
  });

  it('shows /admin/plan with each item’s status in words, its counts and a link to its actions', async () => {
    const items = await list();
    const html = (await page('/admin/plan', adminPage).expect(200)).text;
    expect(html).toContain('Red: overdue');
    expect(html).toContain('Amber: due soon');
    expect(html).toContain('Green: on track');
    expect(html).toContain('Blue: complete');
    expect(html).toContain('No actions yet');
    expect(html).toContain('No actions left: all cancelled');
    expect(html).toContain(`href="/actions?planItem=${items.get('P-RED')!.id}"`);
    expect(html).toContain('3 actions: 1 overdue, 1 due within 14 days, 1 closed');
    expect(html).toContain('href="/admin/plan/new"');
    expect((await page('/admin/plan', managerPage).expect(200)).text).not.toContain('href="/admin/plan/new"');
    expect((await page('/admin', adminPage).expect(200)).text).toContain('href="/admin/plan"');
  });

  it('adds and changes items through the forms, keeping what was typed when refused', async () => {
    const form = {
      reference: 'REC-7',
      title: 'Views of the child',
      source: 'inspection_recommendation',
      owner: 'Director',
    };
    const blank = await post('/admin/plan/new', { ...form, owner: ' ' }).expect(422);
    expect(blank.text).toContain('Enter who owns the item');
    expect(blank.text).toContain('value="Views of the child"');
    const taken = await post('/admin/plan/new', { ...form, reference: 'p-blue' }).expect(409);
    expect(taken.text).toContain('P-BLUE is already the reference of another plan item');
    expect(taken.text).toContain('value="p-blue"');
    await t
      .http()
      .post('/admin/plan/new')
      .set('Cookie', adminPage.cookie)
      .type('form')
      .send(form)
      .expect(403);
    const made = await post('/admin/plan/new', form).expect(303);
    expect(made.headers.location).toBe('/admin/plan?done=saved');
    const item = (await list()).get('REC-7')!;
    const edit = await page(`/admin/plan/${item.id}/edit`, adminPage).expect(200);
    expect(edit.text).toContain('name="version" value="1"');
    await post(`/admin/plan/${item.id}/edit`, { ...form, title: 'First edit', version: '1' }).expect(303);
    const stale = await post(`/admin/plan/${item.id}/edit`, {
      ...form,
      title: 'Second edit',
      version: '1',
    }).expect(409);
    expect(stale.text).toContain('Someone else changed this item');
    expect(stale.text).toContain('value="Second edit"');
    expect(stale.text).toContain('name="version" value="2"');
    expect((await list()).get('REC-7')!).toMatchObject({ version: 2 });
  });
});
