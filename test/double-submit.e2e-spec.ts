import { Escalation } from '../libs/audits/escalation.entity.js';
import { Notification } from '../libs/notifications/notification.entity.js';
import { RegisterJobsService } from '../libs/cases/register-jobs.service.js';
import { Locality } from '../libs/org/locality.entity.js';
import { testEngines } from './support/engines.js';
import { newAudit, newCase, newTeam, type TestContext } from './support/factories.js';
import { registerCsv } from './support/register-files.js';
import { FixedClock } from '../libs/clock/index.js';
import { loginAs, newUser, Role, startTestApp, TEST_NOW, type TestApp } from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';

const engines = await testEngines('double-submit');
const CONCURRENT = 20;
const REASON = 'The child was left alone overnight.';

/** Issue 11 point 8: a double submit (or twenty) creates one record, on both engines. */
describe.each(engines)('a double submit creates one record (%s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let ctx: TestContext;
  let locality: number;
  let admin: WebSession;
  let adminApi: string;

  beforeAll(async () => {
    t = await startTestApp(databaseUrl());
    ctx = { db: t.db, app: t.app };
    locality = (await newTeam(t.db)).localityId!;
    await newUser(t.db, { username: 'hos', role: Role.HeadOfService, localityId: locality });
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    admin = await webSignIn(t, 'admin');
    adminApi = await loginAs(t, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  /** An audit in progress in the head of service's locality, and its auditor signed in. */
  async function auditInProgress() {
    const theCase = await newCase(t.db, { teamId: (await newTeam(t.db, { localityId: locality })).id });
    const audit = await newAudit(ctx, { state: 'inProgress', case: theCase });
    return { id: audit.id, username: audit.auditor!.username };
  }

  const created = (auditId: number) =>
    t.db.read(async (m) => ({
      escalations: await m.countBy(Escalation, { auditId }),
      notifications: (await m.findBy(Notification, { kind: 'escalation' })).filter(
        (n) => n.payload.auditId === auditId,
      ).length,
    }));

  const formTokenOf = (html: string) => {
    const token = /name="_formToken" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error('the form has no _formToken field');
    return token;
  };

  describe('page forms carry a one-time form token', () => {
    const flag = (id: number, session: WebSession, token: string, reason = REASON) =>
      t
        .http()
        .post(`/audits/${id}/escalation`)
        .type('form')
        .set('Cookie', session.cookie)
        .send({ _csrf: session.csrf, _formToken: token, reason });

    it(`${CONCURRENT} concurrent posts of one escalation form make one escalation and one notification`, async () => {
      const audit = await auditInProgress();
      const auditor = await webSignIn(t, audit.username);
      const form = await t
        .http()
        .get(`/audits/${audit.id}/escalation`)
        .set('Cookie', auditor.cookie)
        .expect(200);
      const token = formTokenOf(form.text);
      const answers = await Promise.all(
        Array.from({ length: CONCURRENT }, () => flag(audit.id, auditor, token)),
      );
      // Every post is sent where the first one went: none is refused, none fails.
      expect(answers.map((a) => [a.status, a.headers.location])).toEqual(
        answers.map(() => [303, `/audits/${audit.id}?flagged=1`]),
      );
      await expect(created(audit.id)).resolves.toEqual({ escalations: 1, notifications: 1 });
    });

    it('a token sent again later (even with other words) creates nothing; a new form’s token creates', async () => {
      const audit = await auditInProgress();
      const auditor = await webSignIn(t, audit.username);
      const page = () =>
        t.http().get(`/audits/${audit.id}/escalation`).set('Cookie', auditor.cookie).expect(200);
      const token = formTokenOf((await page()).text);
      await flag(audit.id, auditor, token).expect(303);
      const again = await flag(audit.id, auditor, token, 'Changed my words.').expect(303);
      expect(again.headers.location).toBe(`/audits/${audit.id}?flagged=1`);
      await expect(created(audit.id)).resolves.toEqual({ escalations: 1, notifications: 1 });
      const second = formTokenOf((await page()).text);
      expect(second).not.toBe(token);
      await flag(audit.id, auditor, second).expect(303);
      await expect(created(audit.id)).resolves.toEqual({ escalations: 2, notifications: 2 });
    });

    it('a form refused for its input leaves its token unused, to send again once corrected', async () => {
      const audit = await auditInProgress();
      const auditor = await webSignIn(t, audit.username);
      const form = await t
        .http()
        .get(`/audits/${audit.id}/escalation`)
        .set('Cookie', auditor.cookie)
        .expect(200);
      const token = formTokenOf(form.text);
      await flag(audit.id, auditor, token, '   ').expect(422);
      await expect(created(audit.id)).resolves.toEqual({ escalations: 0, notifications: 0 });
      await flag(audit.id, auditor, token).expect(303);
      await expect(created(audit.id)).resolves.toEqual({ escalations: 1, notifications: 1 });
    });

    it('the add-locality form posted twice adds one locality', async () => {
      const form = await t.http().get('/admin/teams/localities/new').set('Cookie', admin.cookie).expect(200);
      const token = formTokenOf(form.text);
      const post = () =>
        t
          .http()
          .post('/admin/teams/localities/new')
          .type('form')
          .set('Cookie', admin.cookie)
          .send({ _csrf: admin.csrf, _formToken: token, name: 'Twice town' });
      const answers = await Promise.all([post(), post()]);
      expect(answers.map((a) => a.status)).toEqual([303, 303]);
      await expect(t.db.read((m) => m.countBy(Locality, { name: 'Twice town' }))).resolves.toBe(1);
    });

    it('the register upload posted twice at once stages one upload: both go to its page', async () => {
      const form = await t.http().get('/admin/register').set('Cookie', admin.cookie).expect(200);
      const token = formTokenOf(form.text);
      const file = Buffer.from(registerCsv([{ ref: 'D00001', cohort: 'CIN', team: 'North CIN' }]));
      const post = () =>
        t
          .http()
          .post('/admin/register')
          .set('Cookie', admin.cookie)
          .field('_csrf', admin.csrf)
          .field('_formToken', token)
          .attach('files', file, 'register.csv');
      const [first, second] = await Promise.all([post(), post()]);
      expect([first.status, second.status]).toEqual([303, 303]);
      expect(first.headers.location).toMatch(/^\/admin\/register\/imports\/[0-9a-f-]{36}$/);
      expect(second.headers.location).toBe(first.headers.location);
      await t.app.get(RegisterJobsService).settled();
      await t
        .http()
        .get(first.headers.location as string)
        .set('Cookie', admin.cookie)
        .expect(200);
    });

    it('puts a form token in every form that creates', async () => {
      const audit = await auditInProgress();
      const auditor = await webSignIn(t, audit.username);
      const escalation = await t.http().get(`/audits/${audit.id}/escalation`).set('Cookie', auditor.cookie);
      formTokenOf(escalation.text);
      for (const path of [
        '/admin/users/new',
        '/admin/teams/new',
        '/admin/teams/localities/new',
        '/admin/register',
      ]) {
        formTokenOf((await t.http().get(path).set('Cookie', admin.cookie).expect(200)).text);
      }
    });
  });

  describe('API creates honour Idempotency-Key', () => {
    const escalate = (id: number, bearer: string, key: string, reason = REASON) =>
      t
        .http()
        .post(`/api/v1/audits/${id}/escalations`)
        .set('Authorization', bearer)
        .set('Idempotency-Key', key)
        .send({ reason });

    it(`${CONCURRENT} concurrent posts with one key make one escalation, and all get its answer`, async () => {
      const audit = await auditInProgress();
      const bearer = await loginAs(t, audit.username);
      const answers = await Promise.all(
        Array.from({ length: CONCURRENT }, () => escalate(audit.id, bearer, 'key-20-at-once')),
      );
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
      const first = answers[0].body as { id: number };
      expect(answers.map((a) => a.body)).toEqual(answers.map(() => first));
      expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(CONCURRENT - 1);
      await expect(created(audit.id)).resolves.toEqual({ escalations: 1, notifications: 1 });
    });

    it('the same key with another body is a 422 naming Idempotency-Key, and creates nothing', async () => {
      const audit = await auditInProgress();
      const bearer = await loginAs(t, audit.username);
      await escalate(audit.id, bearer, 'key-other-body').expect(201);
      const refused = await escalate(audit.id, bearer, 'key-other-body', 'Something else.').expect(422);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      await expect(created(audit.id)).resolves.toEqual({ escalations: 1, notifications: 1 });
    });

    it('a key is the user’s own, a new key creates again, and no key behaves as before', async () => {
      const before = await t.db.read((m) => m.count(Locality));
      const add = (name: string, key?: string) => {
        const request = t.http().post('/api/v1/org/localities').set('Authorization', adminApi);
        return (key ? request.set('Idempotency-Key', key) : request).send({ name });
      };
      const first = await add('Key town', 'loc-1').expect(201);
      const replay = await add('Key town', 'loc-1').expect(201);
      expect(replay.body).toEqual(first.body);
      await add('Key town', 'loc-2').expect(409);
      await add('Other key town').expect(201);
      await expect(t.db.read((m) => m.count(Locality))).resolves.toBe(before + 2);
    });

    it('replays a register import’s answer, a dry run’s 200 included, with the files part of the request', async () => {
      const file = (ref: string) => Buffer.from(registerCsv([{ ref, cohort: 'CIN', team: 'North CIN' }]));
      const dryRun = (content: Buffer) =>
        t
          .http()
          .post('/api/v1/cases/import')
          .set('Authorization', adminApi)
          .set('Idempotency-Key', 'import-dry-run')
          .field('dryRun', 'true')
          .attach('files', content, 'register.csv');
      const first = await dryRun(file('K00001')).expect(200);
      const again = await dryRun(file('K00001')).expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const other = await dryRun(file('K00002')).expect(422);
      expect(other.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    });

    it('replays a new user without the made-up password, which is never stored', async () => {
      const add = () =>
        t
          .http()
          .post('/api/v1/org/users')
          .set('Authorization', adminApi)
          .set('Idempotency-Key', 'new-user-1')
          .send({ username: 'once.only', displayName: 'Once Only', role: 'administrator' });
      const first = await add().expect(201);
      expect(first.body.generatedPassword).toEqual(expect.any(String));
      const again = await add().expect(201);
      expect(again.body).toEqual({ ...first.body, generatedPassword: undefined });
      const stored = await t.db.read((m) => m.query('SELECT response_body FROM idempotency_keys'));
      expect(JSON.stringify(stored)).not.toContain(first.body.generatedPassword as string);
    });

    it('forgets a key after 24 hours: then it creates again', async () => {
      const clock = t.clock as FixedClock;
      const add = (bearer: string, name: string) =>
        t
          .http()
          .post('/api/v1/org/localities')
          .set('Authorization', bearer)
          .set('Idempotency-Key', 'expiring')
          .send({ name });
      await add(adminApi, 'Day one town').expect(201);
      await add(adminApi, 'Day one other town').expect(422);
      try {
        clock.set(new Date(Date.parse(TEST_NOW) + 25 * 3600_000));
        await add(await loginAs(t, 'admin'), 'Day two town').expect(201);
      } finally {
        clock.set(TEST_NOW);
      }
    });

    it('refuses a key that is not one printable value with 400 naming it', async () => {
      const audit = await auditInProgress();
      const bearer = await loginAs(t, audit.username);
      const refused = await escalate(audit.id, bearer, 'x'.repeat(256)).expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      await expect(created(audit.id)).resolves.toEqual({ escalations: 0, notifications: 0 });
    });
  });
});
