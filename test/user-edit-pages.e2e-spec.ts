import { Session } from '../libs/auth/session.entity.js';
import { User } from '../libs/org/user.entity.js';
import { webSignIn, type WebSession } from './support/web-session.js';
import {
  loginAs,
  newOrg,
  newUser,
  type OrgFixture,
  Role,
  sqliteTestUrl,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

describe('changing a person’s details: the page and PATCH api/v1/org/users/:id', () => {
  let t: TestApp;
  let org: OrgFixture;
  let admin: WebSession;
  let adminId: number;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('user-edit-pages'));
    org = await newOrg(t.db, [
      ['North CP', 'North', 'CP'],
      ['South CLA', 'South', 'CLA'],
    ]);
    adminId = await newUser(t.db, { username: 'admin', displayName: 'Ada Admin', role: Role.Administrator });
    admin = await webSignIn(t, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (path: string, s: WebSession = admin) => t.http().get(path).set('Cookie', s.cookie);
  const post = (path: string, form: Record<string, string>, s: WebSession = admin) =>
    t
      .http()
      .post(path)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: s.csrf, ...form });
  const userById = (id: number) => t.db.read((m) => m.findOneByOrFail(User, { id }));
  const sessionsOf = (userId: number) => t.db.read((m) => m.countBy(Session, { userId }));
  const teamManager = (username: string) =>
    newUser(t.db, {
      username,
      displayName: 'Theo Manager',
      role: Role.TeamManager,
      teamId: org.teams.get('North CP')!,
      localityId: org.localities.get('North')!,
    });

  it('asks a visitor to sign in, refuses other roles, and refuses a form without its CSRF token', async () => {
    const id = await teamManager('tm.guard');
    const path = `/admin/users/${id}/edit`;
    expect((await t.http().get(path)).headers.location).toBe(`/login?returnTo=${encodeURIComponent(path)}`);
    const tm = await webSignIn(t, 'tm.guard');
    expect((await get(path, tm)).status).toBe(403);
    const noCsrf = await t
      .http()
      .post(path)
      .set('Cookie', admin.cookie)
      .type('form')
      .send({ displayName: 'Changed', role: 'team_manager', team: 'North CP' });
    expect(noCsrf.status).toBe(403);
    expect((await userById(id)).displayName).toBe('Theo Manager');
    expect((await get('/admin/users/99999/edit')).status).toBe(404);
  });

  it('shows the person as they are, their locality as the team’s when it is', async () => {
    const id = await teamManager('tm.shown');
    const page = await get(`/admin/users/${id}/edit`).expect(200);
    expect(page.text).toContain('value="Theo Manager"');
    expect(page.text).toMatch(/<option value="team_manager" selected>/);
    expect(page.text).toMatch(/<option value="North CP" selected>/);
    expect(page.text).toMatch(/<option value="" selected>The team’s locality, or none/);
    // The header names whoever is signed in, not the person shown.
    for (const path of [`/admin/users/${id}`, `/admin/users/${id}/edit`, `/admin/users/${id}/deactivate`]) {
      expect((await get(path)).text).toContain('app-signed-in__name">Ada Admin</span>');
    }
  });

  it('renames a person without signing them out', async () => {
    const id = await teamManager('tm.rename');
    const theirs = await webSignIn(t, 'tm.rename');
    const saved = await post(`/admin/users/${id}/edit`, {
      displayName: 'Theodora Manager',
      role: 'team_manager',
      team: 'North CP',
      locality: '',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/admin/users/${id}?done=changed`);
    const page = await get(saved.headers.location as string).expect(200);
    expect(page.text).toContain('Theodora Manager');
    expect(page.text).toContain('The user’s details have been changed.');
    expect((await get('/audits', theirs)).status).toBe(200);
  });

  it('moves a person to another team, in its locality, and ends their sessions', async () => {
    const id = await teamManager('tm.move');
    const theirs = await webSignIn(t, 'tm.move');
    const saved = await post(`/admin/users/${id}/edit`, {
      displayName: 'Theo Manager',
      role: 'team_manager',
      team: 'South CLA',
      locality: '',
    });
    expect(saved.headers.location).toBe(`/admin/users/${id}?done=changed-access`);
    expect((await get(saved.headers.location as string)).text).toContain('they have been signed out');
    expect(await userById(id)).toMatchObject({
      teamId: org.teams.get('South CLA'),
      localityId: org.localities.get('South'),
    });
    expect(await sessionsOf(id)).toBe(0);
    expect((await get('/audits', theirs)).headers.location).toBe('/login?returnTo=%2Faudits');
  });

  it('refuses a role without the team or locality it needs, and blanks, keeping the input', async () => {
    const id = await teamManager('tm.refused');
    const blank = await post(`/admin/users/${id}/edit`, {
      displayName: ' ',
      role: '',
      team: '',
      locality: '',
    });
    expect(blank.status).toBe(422);
    expect(blank.text).toContain('Enter the person’s name');
    expect(blank.text).toContain('Select a role');
    const noLocality = await post(`/admin/users/${id}/edit`, {
      displayName: 'Theo Promoted',
      role: 'head_of_service',
      team: '',
      locality: '',
    });
    expect(noLocality.status).toBe(422);
    expect(noLocality.text).toContain('href="#locality"');
    expect(noLocality.text).toContain('value="Theo Promoted"');
    const noTeam = await post(`/admin/users/${id}/edit`, {
      displayName: 'Theo Manager',
      role: 'social_worker',
      team: '',
      locality: 'North',
    });
    expect(noTeam.status).toBe(422);
    expect(noTeam.text).toContain('href="#team"');
    expect(await userById(id)).toMatchObject({ role: Role.TeamManager, displayName: 'Theo Manager' });
    const promoted = await post(`/admin/users/${id}/edit`, {
      displayName: 'Theo Manager',
      role: 'head_of_service',
      team: '',
      locality: 'South',
    });
    expect(promoted.status).toBe(303);
    expect(await userById(id)).toMatchObject({
      role: Role.HeadOfService,
      teamId: null,
      localityId: org.localities.get('South'),
    });
  });

  it('refuses changing your own role with 409', async () => {
    const refused = await post(`/admin/users/${adminId}/edit`, {
      displayName: 'Ada Admin',
      role: 'moderator',
      team: '',
      locality: '',
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('You cannot change your own role');
    expect((await userById(adminId)).role).toBe(Role.Administrator);
  });

  it('keeps a person’s e-mail for notifications: checked, shown, blank for the app only, and no sign-out', async () => {
    const id = await teamManager('tm.email');
    const theirs = await webSignIn(t, 'tm.email');
    const form = { displayName: 'Theo Manager', role: 'team_manager', team: 'North CP', locality: '' };
    const refused = await post(`/admin/users/${id}/edit`, { ...form, email: 'theo at council' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Enter an e-mail address in the correct format, like name@example.org');
    expect(refused.text).toContain('value="theo at council"');
    expect((await userById(id)).email).toBeNull();

    const saved = await post(`/admin/users/${id}/edit`, { ...form, email: ' theo.manager@council.example ' });
    expect(saved.headers.location).toBe(`/admin/users/${id}?done=changed`);
    expect((await userById(id)).email).toBe('theo.manager@council.example');
    expect((await get(`/admin/users/${id}`)).text).toContain('theo.manager@council.example');
    expect((await get(`/admin/users/${id}/edit`)).text).toContain('value="theo.manager@council.example"');
    expect((await get('/audits', theirs)).status).toBe(200);

    await post(`/admin/users/${id}/edit`, { ...form, email: '' }).expect(303);
    expect((await userById(id)).email).toBeNull();

    const token = await loginAs(t, 'admin');
    const patch = (body: Record<string, unknown>) =>
      t.http().patch(`/api/v1/org/users/${id}`).set('Authorization', token).send(body);
    await expect(patch({ email: 'theo@council.example' }).then((r) => r.body)).resolves.toMatchObject({
      email: 'theo@council.example',
      sessionsEnded: false,
    });
    for (const email of ['not-an-address', 'x'.repeat(250) + '@a.org', 42, ''])
      expect((await patch({ email }).expect(422)).body.errors).toEqual([
        expect.objectContaining({ field: 'email' }),
      ]);
    await expect(patch({ email: null }).then((r) => r.body.email)).resolves.toBeNull();
  });

  it('changes a person through the JSON API, keeping what the body leaves out', async () => {
    const token = await loginAs(t, 'admin');
    const id = await teamManager('tm.api');
    const patch = (body: Record<string, unknown>) =>
      t.http().patch(`/api/v1/org/users/${id}`).set('Authorization', token).send(body);
    const renamed = await patch({ displayName: 'Theo Api' }).expect(200);
    expect(renamed.body).toMatchObject({
      displayName: 'Theo Api',
      teamName: 'North CP',
      localityName: 'North',
      sessionsEnded: false,
    });
    expect(JSON.stringify(renamed.body)).not.toMatch(/passwordHash/);
    const moved = await patch({ team: 'South CLA' }).expect(200);
    expect(moved.body).toMatchObject({ teamName: 'South CLA', localityName: 'South', sessionsEnded: true });
    const refused = await patch({ team: null }).expect(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'team' })]);
    await patch({ team: 'Nowhere' }).expect(422);
    await patch({ role: 'chief' }).expect(422);
    await patch({ password: 'sneaky-password' }).expect(422);
    const other = await newUser(t.db, { role: Role.TeamManager });
    const tmToken = await loginAs(t, (await userById(other)).username);
    await t.http().patch(`/api/v1/org/users/${id}`).set('Authorization', tmToken).send({}).expect(403);
    await t.http().patch('/api/v1/org/users/99999').set('Authorization', token).send({}).expect(404);
  });
});
