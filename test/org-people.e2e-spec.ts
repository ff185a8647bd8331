import { Session } from '../libs/auth/session.entity.js';
import { User } from '../libs/org/user.entity.js';
import {
  loginAs,
  newOrg,
  newUser,
  Role,
  sqliteTestUrl,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from './support/test-app.js';

describe('organisation API: the administrator’s users, teams and localities', () => {
  let t: TestApp;
  let admin: string;
  let adminId: number;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('org-people'));
    await newOrg(t.db, [
      ['North CP', 'North', 'CP'],
      ['South CLA', 'South', 'CLA'],
    ]);
    adminId = await newUser(t.db, { username: 'admin', displayName: 'Ada Admin', role: Role.Administrator });
    await newUser(t.db, { username: 'tm.plain', displayName: 'Theo Manager', role: Role.TeamManager });
    admin = await loginAs(t, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  const sessionsOf = (userId: number) => t.db.read((m) => m.countBy(Session, { userId }));
  const login = (username: string, password: string) =>
    t.http().post('/api/v1/auth/login').send({ username, password });

  it('creates a user with a made-up password shown once, in the team’s locality, never with a hash', async () => {
    const created = await t
      .http()
      .post('/api/v1/org/users')
      .set('Authorization', admin)
      .send({ username: 'sw.new', displayName: 'Sam Worker', role: 'social_worker', team: 'North CP' })
      .expect(201);
    expect(created.body.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(created.body.passwordHash).toBeUndefined();
    // It signs in only to choose their own (password-change.e2e-spec.ts).
    await login('sw.new', created.body.generatedPassword as string).expect(403);
    const one = await t
      .http()
      .get(`/api/v1/org/users/${created.body.id}`)
      .set('Authorization', admin)
      .expect(200);
    expect(one.body).toMatchObject({ teamName: 'North CP', localityName: 'North', active: true });
    expect(JSON.stringify(one.body)).not.toMatch(/argon|passwordHash/);
  });

  it('refuses a team manager without a team and a head of service without a locality', async () => {
    const tm = await t
      .http()
      .post('/api/v1/org/users')
      .set('Authorization', admin)
      .send({ username: 'tm.lost', displayName: 'Lost', role: 'team_manager', password: 'long-enough-1' });
    expect(tm.status).toBe(422);
    expect(tm.body.errors).toEqual([{ field: 'team', message: expect.stringMatching(/needs one/) }]);
    const hos = await t.http().post('/api/v1/org/users').set('Authorization', admin).send({
      username: 'hos.lost',
      displayName: 'Lost',
      role: 'head_of_service',
      password: 'long-enough-1',
    });
    expect(hos.status).toBe(422);
    expect(hos.body.errors[0].field).toBe('locality');
  });

  it('lists users paged, filtered by role, team and a search, and refuses other roles', async () => {
    const all = await t.http().get('/api/v1/org/users?pageSize=2').set('Authorization', admin).expect(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) });
    expect(all.body.items).toHaveLength(2);
    const managers = await t.http().get('/api/v1/org/users?role=team_manager').set('Authorization', admin);
    expect(managers.body.items.map((u: { username: string }) => u.username)).toEqual(['tm.plain']);
    // This test makes its own team and user: the file's tests run in a random order.
    const own = await newOrg(t.db, [['West Search', 'West', 'CIN']]);
    await newUser(t.db, {
      username: 'sw.findable',
      displayName: 'Samira Findable',
      role: Role.SocialWorker,
      teamId: own.teams.get('West Search')!,
      localityId: own.localities.get('West')!,
    });
    const found = await t.http().get('/api/v1/org/users?q=FINDABLE').set('Authorization', admin);
    expect(found.body.items.map((u: { username: string }) => u.username)).toEqual(['sw.findable']);
    const teams = await t.http().get('/api/v1/org/teams').set('Authorization', admin);
    const west = teams.body.items.find((x: { name: string }) => x.name === 'West Search');
    expect(west).toMatchObject({ localityName: 'West', cohortCode: 'CIN', users: 1 });
    const inTeam = await t.http().get(`/api/v1/org/users?team=${west.id}`).set('Authorization', admin);
    expect(inTeam.body.total).toBe(1);
    const none = await t.http().get('/api/v1/org/users?q=%25').set('Authorization', admin);
    expect(none.body.total).toBe(0);
    expect((await t.http().get('/api/v1/org/users?role=chief').set('Authorization', admin)).status).toBe(422);
    const tm = await loginAs(t, 'tm.plain');
    expect((await t.http().get('/api/v1/org/users').set('Authorization', tm)).status).toBe(403);
  });

  it('deactivates a user: their sessions end and they cannot sign in; reactivating lets them back', async () => {
    const id = await newUser(t.db, { username: 'ap.leaving', role: Role.AdvancedPractitioner });
    const token = await loginAs(t, 'ap.leaving');
    expect(await sessionsOf(id)).toBe(1);
    const off = await t
      .http()
      .post(`/api/v1/org/users/${id}/deactivate`)
      .set('Authorization', admin)
      .expect(200);
    expect(off.body.active).toBe(false);
    expect(await sessionsOf(id)).toBe(0);
    expect((await t.http().get('/api/v1/auth/me').set('Authorization', token)).status).toBe(401);
    expect((await login('ap.leaving', TEST_PASSWORD)).status).toBe(401);
    const listed = await t.http().get('/api/v1/org/users?status=deactivated').set('Authorization', admin);
    expect(listed.body.items.map((u: { id: number }) => u.id)).toContain(id);
    await t.http().post(`/api/v1/org/users/${id}/reactivate`).set('Authorization', admin).expect(200);
    await login('ap.leaving', TEST_PASSWORD).expect(200);
    const self = await t.http().post(`/api/v1/org/users/${adminId}/deactivate`).set('Authorization', admin);
    expect(self.status).toBe(409);
    expect(
      (await t.http().post('/api/v1/org/users/9999/deactivate').set('Authorization', admin)).status,
    ).toBe(404);
  });

  it('resets a password, made up or chosen: the old one stops working and sessions end', async () => {
    const id = await newUser(t.db, { username: 'iro.reset', role: Role.Iro });
    await loginAs(t, 'iro.reset');
    const made = await t
      .http()
      .post(`/api/v1/org/users/${id}/reset-password`)
      .set('Authorization', admin)
      .send({});
    expect(made.status).toBe(200);
    expect(made.body.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await sessionsOf(id)).toBe(0);
    expect((await login('iro.reset', TEST_PASSWORD)).status).toBe(401);
    await login('iro.reset', made.body.generatedPassword as string).expect(403);
    const chosen = await t
      .http()
      .post(`/api/v1/org/users/${id}/reset-password`)
      .set('Authorization', admin)
      .send({ password: 'chosen-password-2' })
      .expect(200);
    expect(chosen.body.generatedPassword).toBeUndefined();
    expect((await login('iro.reset', 'chosen-password-2').expect(403)).body.code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    const short = await t
      .http()
      .post(`/api/v1/org/users/${id}/reset-password`)
      .set('Authorization', admin)
      .send({ password: 'short' });
    expect(short.status).toBe(422);
    const hash = await t.db.read((m) =>
      m
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.id = :id', { id })
        .getOne(),
    );
    expect(hash!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('adds and renames localities and teams; names are unique whatever their case', async () => {
    const east = await t
      .http()
      .post('/api/v1/org/localities')
      .set('Authorization', admin)
      .send({ name: 'East' });
    expect(east.status).toBe(201);
    const again = await t
      .http()
      .post('/api/v1/org/localities')
      .set('Authorization', admin)
      .send({ name: 'east' });
    expect(again.status).toBe(409);
    const blank = await t
      .http()
      .post('/api/v1/org/localities')
      .set('Authorization', admin)
      .send({ name: ' ' });
    expect(blank.status).toBe(422);
    const team = await t
      .http()
      .post('/api/v1/org/teams')
      .set('Authorization', admin)
      .send({ name: 'East CIN', locality: 'East', cohort: 'CIN' })
      .expect(201);
    const taken = await t
      .http()
      .post('/api/v1/org/teams')
      .set('Authorization', admin)
      .send({ name: 'north cp', locality: 'East' });
    expect(taken.status).toBe(409);
    const badCohort = await t
      .http()
      .post('/api/v1/org/teams')
      .set('Authorization', admin)
      .send({ name: 'East X', locality: 'East', cohort: 'ZZ' });
    expect(badCohort.status).toBe(422);
    expect(badCohort.body.errors[0].field).toBe('cohort');
    const renamed = await t
      .http()
      .patch(`/api/v1/org/teams/${team.body.id}`)
      .set('Authorization', admin)
      .send({ name: 'East Children in Need', cohort: null })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'East Children in Need', cohortCode: null });
    await t
      .http()
      .patch(`/api/v1/org/localities/${east.body.id}`)
      .set('Authorization', admin)
      .send({ name: 'East and Coast' })
      .expect(200);
    const localities = await t.http().get('/api/v1/org/localities').set('Authorization', admin);
    expect(localities.body.items).toContainEqual({ id: east.body.id, name: 'East and Coast', teams: 1 });
    const tm = await loginAs(t, 'tm.plain');
    expect(
      (await t.http().post('/api/v1/org/localities').set('Authorization', tm).send({ name: 'W' })).status,
    ).toBe(403);
  });
});
