import { Action } from '../libs/actions/action.entity.js';
import { PasswordHasher } from '../libs/auth/password-hasher.js';
import { newAction } from './support/action-fixtures.js';
import { newAudit, newCase, newTeam } from './support/factories.js';
import { migratedSqliteUrl, sqliteTemplate } from './support/sqlite-template.js';
import { newUser, Role, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';

/**
 * Issue 13 point 7: the forms on an action's page, driven over HTTP as a browser posts them
 * (cookie session, CSRF, the version the page was read at). Who sees which form, each step's
 * redirect and banner, the 422 that names the field and keeps what was typed, and the 409 for a
 * stale page. SQLite only: the commands themselves are proven on both engines in
 * actions-lifecycle.e2e-spec.ts; this is the page's wiring.
 */
describe('the action page’s forms', () => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  const sessions: Record<string, WebSession> = {};

  beforeAll(async () => {
    await sqliteTemplate();
    // Four sign-ins: what is tested is the forms, not argon2.
    t = await startTestApp(migratedSqliteUrl('action-pages'), {
      override: (builder) =>
        builder
          .overrideProvider(PasswordHasher)
          .useValue({ hash: async () => 'x', verify: async () => true }),
    });
    const team = await newTeam(t.db, { name: 'North A' });
    const add = async (username: string, role: Role, teamId: number | null) => {
      ids[username] = await newUser(t.db, {
        username,
        role,
        teamId,
        localityId: team.localityId,
        displayName: `Person ${username}`,
      });
    };
    await add('owner', Role.SocialWorker, team.id);
    await add('other', Role.SocialWorker, team.id);
    await add('manager', Role.TeamManager, team.id);
    await add('ap', Role.AdvancedPractitioner, null);
    const ctx = { db: t.db, app: t.app };
    const audit = await newAudit(ctx, { case: await newCase(t.db, { teamId: team.id }) });
    const raise = (state: 'open' | 'done' = 'open') =>
      newAction(ctx, {
        auditId: audit.id,
        teamId: team.id,
        ownerId: ids.owner,
        raisedBy: ids.ap,
        dueOn: '2026-12-20',
        state,
      });
    // One action per test: jest runs them in a random order.
    for (const name of ['offered', 'journey', 'stale', 'managed']) ids[name] = await raise();
    ids.awaiting = await raise('done');
    for (const name of ['owner', 'manager', 'ap']) sessions[name] = await webSignIn(t, name);
  });

  afterAll(async () => {
    await t?.close();
  });

  const page = (id: number, who: string) =>
    t.http().get(`/actions/${id}`).set('Cookie', sessions[who].cookie).expect(200);
  const post = (id: number, step: string, who: string, form: Record<string, string | number>) =>
    t
      .http()
      .post(`/actions/${id}/${step}`)
      .type('form')
      .set('Cookie', sessions[who].cookie)
      .send({ _csrf: sessions[who].csrf, ...form });
  const versionOn = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)![1]);
  /** Takes a step from the page as it is now, and expects the redirect back with its banner. */
  const step = async (id: number, name: string, who: string, form: Record<string, string> = {}) => {
    const version = versionOn((await page(id, who)).text);
    const answer = await post(id, name, who, { ...form, version });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(`/actions/${id}?done=${name}`);
    const after = await t.http().get(answer.headers.location).set('Cookie', sessions[who].cookie).expect(200);
    expect(after.text).toContain('govuk-notification-banner--success');
    return after.text;
  };
  const stored = (id: number) => t.db.read((m) => m.findOneByOrFail(Action, { id }));
  const formsOn = (html: string) =>
    [...html.matchAll(/action="\/actions\/\d+\/([a-z-]+)"/g)].map((m) => m[1]);

  it('offers each reader only the steps they may take in the action’s state', async () => {
    expect(formsOn((await page(ids.offered, 'owner')).text)).toEqual(['start', 'progress', 'done']);
    expect(formsOn((await page(ids.offered, 'ap')).text)).toEqual(['chase']);
    expect(formsOn((await page(ids.offered, 'manager')).text)).toEqual([
      'chase',
      'reassign',
      'due-date',
      'cancel',
    ]);
  });

  it('takes an action from start to closed: progress, done, sent back, done again, verified', async () => {
    const id = ids.journey;
    expect(await step(id, 'start', 'owner')).toContain('Work on the action has started.');
    const progressed = await step(id, 'progress', 'owner', { note: 'Chronology half written' });
    expect(progressed).toContain('Chronology half written');
    expect(formsOn(progressed)).toEqual(['progress', 'done']);

    // Blank evidence: 422 naming the field, and what was typed stays in the form.
    const typed = 'Chronology written up to date & <checked>';
    const version = versionOn((await page(id, 'owner')).text);
    const refused = await post(id, 'done', 'owner', { whatWasDone: typed, evidence: '   ', version });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('href="#done-evidence"');
    expect(refused.text).toContain('Enter the evidence of what was done');
    expect(refused.text).toContain('Chronology written up to date &amp; &lt;checked&gt;');
    expect((await stored(id)).state).toBe('inProgress');

    const done = await step(id, 'done', 'owner', {
      whatWasDone: typed,
      evidence: 'Case note of 14 December',
    });
    // The owner may not verify their own work: no verify or send-back form for them.
    expect(formsOn(done)).toEqual([]);
    const forAp = (await page(id, 'ap')).text;
    expect(formsOn(forAp)).toEqual(['verify', 'send-back']);

    // A blank reason to send back: 422 naming the reason, nothing changed.
    const blank = await post(id, 'send-back', 'ap', { reason: ' \n ', version: versionOn(forAp) });
    expect(blank.status).toBe(422);
    expect(blank.text).toContain('href="#send-back-reason"');
    expect(blank.text).toContain('Enter why you are sending the action back');
    expect((await stored(id)).state).toBe('done');

    const sentBack = await step(id, 'send-back', 'ap', { reason: 'The evidence is not on the file' });
    expect(sentBack).toContain('The action has been sent back to its owner.');
    expect((await stored(id)).state).toBe('inProgress');

    await step(id, 'done', 'owner', { whatWasDone: typed, evidence: 'Case note of 15 December, on file' });
    const closedPage = await step(id, 'verify', 'ap');
    expect(closedPage).toContain('The action has been verified and closed.');
    expect(formsOn(closedPage)).toEqual([]);
    expect((await stored(id)).state).toBe('closed');
  });

  it('answers a stale page with 409, the page as it is now and a clear message', async () => {
    const id = ids.stale;
    const old = versionOn((await page(id, 'owner')).text);
    await step(id, 'start', 'owner');
    const stale = await post(id, 'progress', 'owner', { note: 'Typed on an old page', version: old });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Someone else changed this action after you opened it');
    expect(stale.text).toContain('Typed on an old page');
    expect(versionOn(stale.text)).toBe((await stored(id)).version);
  });

  it('lets a manager chase, move the due date, reassign and cancel', async () => {
    const id = ids.managed;
    await step(id, 'chase', 'manager');
    const badDate = await post(id, 'due-date', 'manager', {
      'dueOn-day': '31',
      'dueOn-month': '2',
      'dueOn-year': '2027',
      reason: 'Waiting for the school',
      version: versionOn((await page(id, 'manager')).text),
    });
    expect(badDate.status).toBe(422);
    expect(badDate.text).toContain('href="#dueOn-day"');
    expect(badDate.text).toContain('Waiting for the school');

    const moved = await step(id, 'due-date', 'manager', {
      'dueOn-day': '10',
      'dueOn-month': '1',
      'dueOn-year': '2027',
      reason: 'Waiting for the school',
    });
    expect(moved).toContain('The due date has been moved.');
    expect((await stored(id)).dueOn).toBe('2027-01-10');

    const owners = (await page(id, 'manager')).text;
    expect(owners).toContain(`<option value="${ids.other}">Person other</option>`);
    expect(owners).not.toContain(`<option value="${ids.owner}">`);
    await step(id, 'reassign', 'manager', { ownerId: String(ids.other) });
    expect((await stored(id)).ownerId).toBe(ids.other);

    const cancelled = await step(id, 'cancel', 'manager', { reason: 'The child has moved away' });
    expect(cancelled).toContain('The action has been cancelled.');
    expect(formsOn(cancelled)).toEqual([]);
    expect((await stored(id)).state).toBe('cancelled');
  });

  it('refuses a step the page did not offer, and an unknown step, without a 500', async () => {
    const id = ids.awaiting;
    const version = (await stored(id)).version;
    // The owner of a done action is offered nothing; posting a verify anyway is refused.
    expect(formsOn((await page(id, 'owner')).text)).toEqual([]);
    expect((await post(id, 'verify', 'owner', { version })).status).toBe(403);
    expect((await post(id, 'unknown', 'owner', { version })).status).toBe(404);
    expect((await stored(id)).state).toBe('done');
  });
});
