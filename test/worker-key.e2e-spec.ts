import { Case } from '../libs/cases/case.entity.js';
import { User } from '../libs/org/user.entity.js';
import { testEngines } from './support/engines.js';
import { newAudit } from './support/factories.js';
import { registerCsv } from './support/register-files.js';
import {
  loginAs,
  newOrg,
  newUser,
  Role,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from './support/test-app.js';
import { webSignIn } from './support/web-session.js';

/**
 * Issue 11, point 3: a social worker is their cases' worker by the register's key (worker_id or
 * worker_email, or a link an administrator sets), never by their name.
 */
const engines = await testEngines('worker-key');

describe.each(engines)('a social worker linked to their cases by a key (%s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let admin: string;
  let southCp: number;

  beforeAll(async () => {
    t = await startTestApp(databaseUrl());
    const org = await newOrg(t.db, [
      ['North CIN 1', 'North', 'CIN'],
      ['South CP', 'South', 'CP'],
    ]);
    southCp = org.teams.get('South CP')!;
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    admin = await loginAs(t, 'admin');
  });

  afterAll(() => t?.close());

  /**
   * A social worker "North CIN 1 Worker 2" holding `key`, and a register (CSV) with one case (each
   * in a team of its own, so that the factory's one-case cycle draws it)
   * carrying the key as worker_id (in another case and with stray spaces) and one naming the
   * worker without a key; each case has a completed audit the case team may read.
   */
  async function keyedWorker(key: string) {
    const username = `sw.${key}`;
    const userId = await newUser(t.db, {
      username,
      displayName: 'North CIN 1 Worker 2',
      role: Role.SocialWorker,
      teamId: southCp,
      workerKey: key,
    });
    const [keyed, named] = [`${key}-keyed`, `${key}-named`];
    await t
      .http()
      .post('/api/v1/cases/import')
      .set('Authorization', admin)
      .field('asOf', '2026-11-30')
      .attach(
        'files',
        Buffer.from(
          registerCsv([
            {
              ref: keyed,
              cohort: 'CIN',
              team: 'North CIN 1',
              worker: 'North CIN 1 Worker 2',
              workerId: ` ${key.toUpperCase()} `,
            },
            { ref: named, cohort: 'CIN', team: `${key} named`, worker: 'North CIN 1 Worker 2' },
          ]),
        ),
        'register.csv',
      )
      .expect(201);
    const cases = await t.db.read((m) => m.find(Case, { where: [{ caseRef: keyed }, { caseRef: named }] }));
    const byRef = new Map(cases.map((c) => [c.caseRef, c]));
    // The key comes from the register's worker_id, normalised; a name alone links nobody.
    expect([byRef.get(keyed)!.workerKey, byRef.get(named)!.workerKey]).toEqual([key, null]);
    const auditId = (await newAudit(t, { state: 'completed', case: byRef.get(keyed)! })).id;
    const namedAuditId = (await newAudit(t, { state: 'completed', case: byRef.get(named)! })).id;
    return { username, userId, auditId, namedAuditId };
  }

  const caseAudits = async (token: string) =>
    (await t.http().get('/api/v1/my/case-audits').set('Authorization', token).expect(200)).body as {
      items: { auditId: number }[];
      total: number;
    };

  it('lets the keyed worker read their case audit, and never a case that names them without the key', async () => {
    const world = await keyedWorker('w-read');
    const worker = await loginAs(t, world.username);
    await expect(caseAudits(worker)).resolves.toMatchObject({
      items: [{ auditId: world.auditId }],
      total: 1,
    });
    await t.http().get(`/api/v1/audits/${world.auditId}`).set('Authorization', worker).expect(200);
    await t.http().get(`/api/v1/audits/${world.namedAuditId}`).set('Authorization', worker).expect(404);
  });

  it('gives a second user of the same name, made by an administrator in another team, nothing', async () => {
    const world = await keyedWorker('w-attack');
    await t
      .http()
      .post('/api/v1/org/users')
      .set('Authorization', admin)
      .send({
        username: 'impostor',
        displayName: 'North CIN 1 Worker 2',
        role: Role.SocialWorker,
        team: 'South CP',
        password: TEST_PASSWORD,
      })
      .expect(201);
    // An administrator's password is replaced at the first sign-in: the impostor chooses one.
    const chosen = await t
      .http()
      .post('/api/v1/auth/password')
      .send({ username: 'impostor', password: TEST_PASSWORD, newPassword: 'a quiet harbour at dusk' })
      .expect(200);
    const impostor = `Bearer ${chosen.body.token as string}`;
    await expect(caseAudits(impostor)).resolves.toMatchObject({ items: [], total: 0 });
    for (const id of [world.auditId, world.namedAuditId]) {
      await t.http().get(`/api/v1/audits/${id}`).set('Authorization', impostor).expect(404);
    }
  });

  it('refuses a key another user holds, naming the field, through the API', async () => {
    const world = await keyedWorker('w-taken');
    const created = await t.http().post('/api/v1/org/users').set('Authorization', admin).send({
      username: 'copycat',
      displayName: 'Copy Cat',
      role: Role.SocialWorker,
      team: 'South CP',
      workerKey: 'W-TAKEN',
      password: TEST_PASSWORD,
    });
    expect([created.status, created.body.field]).toEqual([409, 'workerKey']);
    const other = await newUser(t.db, { role: Role.SocialWorker, teamId: southCp });
    const changed = await t
      .http()
      .patch(`/api/v1/org/users/${other}`)
      .set('Authorization', admin)
      .send({ workerKey: 'w-taken' });
    expect([changed.status, changed.body.field]).toEqual([409, 'workerKey']);
    const blank = await t
      .http()
      .patch(`/api/v1/org/users/${other}`)
      .set('Authorization', admin)
      .send({ workerKey: '  ' });
    expect(blank.status).toBe(422);
    // The unique index refuses what a racing write would slip past the check, on both engines.
    await expect(
      t.db.transaction((m) => m.update(User, { id: other }, { workerKey: 'w-taken' })),
    ).rejects.toThrow(/worker_key/);
    const holders = await t.db.read((m) => m.find(User, { where: { workerKey: 'w-taken' } }));
    expect(holders.map((u) => u.id)).toEqual([world.userId]);
  });

  it('takes the key when an administrator adds a person on the page, and refuses one already held', async () => {
    await keyedWorker('w-added');
    const web = await webSignIn(t, 'admin');
    const add = (username: string, workerKey: string) =>
      t.http().post('/admin/users/new').set('Cookie', web.cookie).type('form').send({
        _csrf: web.csrf,
        displayName: 'Ad Ded',
        username,
        role: Role.SocialWorker,
        team: 'South CP',
        workerKey,
        passwordChoice: 'generate',
      });
    const taken = await add('sw.taken', 'W-Added');
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('That register worker id or e-mail is already linked to another user');
    expect(taken.text).toContain('value="W-Added"');
    await expect(t.db.read((m) => m.countBy(User, { username: 'sw.taken' }))).resolves.toBe(0);
    const added = await add('sw.added', ' New-Key@Council.gov.uk ');
    expect(added.status).toBe(200);
    const stored = await t.db.read((m) => m.findOneByOrFail(User, { username: 'sw.added' }));
    expect(stored.workerKey).toBe('new-key@council.gov.uk');
  });

  it('links a user to the register by the key an administrator sets on their page, one user a key', async () => {
    const world = await keyedWorker('w-page');
    const web = await webSignIn(t, 'admin');
    const linked = await newUser(t.db, {
      username: 'sw.linked',
      displayName: 'Lin Ked',
      role: Role.SocialWorker,
      teamId: southCp,
    });
    const form = (workerKey: string) =>
      t.http().post(`/admin/users/${linked}/edit`).set('Cookie', web.cookie).type('form').send({
        _csrf: web.csrf,
        displayName: 'Lin Ked',
        role: Role.SocialWorker,
        team: 'South CP',
        workerKey,
      });
    const taken = await form('w-page');
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('That register worker id or e-mail is already linked to another user');
    expect(taken.text).toContain('href="#workerKey"');
    // Unlinked through the API, the key is free; the page links the other user by it.
    await t
      .http()
      .patch(`/api/v1/org/users/${world.userId}`)
      .set('Authorization', admin)
      .send({ workerKey: null })
      .expect(200);
    const saved = await form(' W-Page ');
    expect(saved.status).toBe(303);
    const shown = await t.http().get(`/admin/users/${linked}/edit`).set('Cookie', web.cookie).expect(200);
    expect(shown.text).toContain('value="w-page"');
    await expect(caseAudits(await loginAs(t, 'sw.linked'))).resolves.toMatchObject({
      items: [{ auditId: world.auditId }],
      total: 1,
    });
    await expect(caseAudits(await loginAs(t, world.username))).resolves.toMatchObject({ total: 0 });
  });
});
