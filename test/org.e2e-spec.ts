import { registerCsv } from './support/register-files.js';
import {
  loginAs,
  newOrg,
  newUser,
  Role,
  sqliteTestUrl,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

describe('organisation: cohorts and people an administrator adds', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('org'));
    await newOrg(t.db, [['North Early Help', 'North', 'CIN']]);
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    await newUser(t.db, { username: 'tm', role: Role.TeamManager });
    admin = await loginAs(t, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  const importEarlyHelpCase = () =>
    t
      .http()
      .post('/api/v1/cases/import')
      .set('Authorization', admin)
      .attach(
        'files',
        Buffer.from(registerCsv([{ ref: 'EH-1', cohort: 'EH', team: 'North Early Help' }])),
        'r.csv',
      );

  it('adds a cohort without code changes, and the register can then use it', async () => {
    const before = await importEarlyHelpCase().expect(201);
    expect(before.body.rejected[0].reason).toMatch(/unknown cohort EH/);
    await t
      .http()
      .post('/api/v1/org/cohorts')
      .set('Authorization', admin)
      .send({ code: 'EH', title: 'Early help', specificity: 5 })
      .expect(201);
    const again = await t
      .http()
      .post('/api/v1/org/cohorts')
      .set('Authorization', admin)
      .send({ code: 'EH', title: 'x' });
    expect(again.status).toBe(409);
    const bad = await t
      .http()
      .post('/api/v1/org/cohorts')
      .set('Authorization', admin)
      .send({ code: 'early help', title: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('code');
    const after = await importEarlyHelpCase().expect(201);
    expect(after.body).toMatchObject({ imported: 1, rejected: [] });
    const overview = await t.http().get('/api/v1/org').set('Authorization', admin).expect(200);
    expect(overview.body).toMatchObject({ cohorts: 5 });
    const cohorts = await t.http().get('/api/v1/org/cohorts').set('Authorization', admin).expect(200);
    expect(cohorts.body).toMatchObject({ page: 1, pageSize: 50, total: 5 });
    expect(cohorts.body.items.map((c: { code: string }) => c.code)).toEqual(['CLA', 'CL', 'CP', 'CIN', 'EH']);
  });

  it('creates a user who can then log in; refuses a taken name, a short password, other roles', async () => {
    const body = {
      username: 'ap.new',
      displayName: 'New AP',
      role: 'advanced_practitioner',
      password: 'long-enough-1',
      team: 'North Early Help',
    };
    const created = await t
      .http()
      .post('/api/v1/org/users')
      .set('Authorization', admin)
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject({ username: 'ap.new', role: 'advanced_practitioner' });
    expect(created.body.passwordHash).toBeUndefined();
    // The administrator's password signs in only to choose their own.
    const login = await t
      .http()
      .post('/api/v1/auth/password')
      .send({ username: 'ap.new', password: 'long-enough-1', newPassword: 'ap-new-own-password' })
      .expect(200);
    expect(login.body.user).toMatchObject({ username: 'ap.new', teamId: expect.any(Number) });
    expect((await t.http().post('/api/v1/org/users').set('Authorization', admin).send(body)).status).toBe(
      409,
    );
    const weak = await t
      .http()
      .post('/api/v1/org/users')
      .set('Authorization', admin)
      .send({ ...body, username: 'x.y', password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.errors[0].field).toBe('password');
    const wrong = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'ap.new', password: 'wrong-password' });
    expect(wrong.status).toBe(401);
    const tm = await loginAs(t, 'tm');
    expect((await t.http().post('/api/v1/org/users').set('Authorization', tm).send(body)).status).toBe(403);
  });

  it('ends a session on logout', async () => {
    const token = await loginAs(t, 'tm');
    await t.http().get('/api/v1/auth/me').set('Authorization', token).expect(200);
    await t.http().post('/api/v1/auth/logout').set('Authorization', token).expect(204);
    expect((await t.http().get('/api/v1/auth/me').set('Authorization', token)).status).toBe(401);
  });
});
