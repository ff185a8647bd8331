import { Session } from '../libs/auth/session.entity.js';
import { Team } from '../libs/org/team.entity.js';
import { User } from '../libs/org/user.entity.js';
import { webSignIn, type WebSession } from './support/web-session.js';
import { newOrg, newUser, Role, sqliteTestUrl, startTestApp, type TestApp } from './support/test-app.js';

describe('the administrator’s users and teams pages', () => {
  let t: TestApp;
  let admin: WebSession;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('people-pages'));
    await newOrg(t.db, [['North CP', 'North', 'CP']]);
    await newUser(t.db, { username: 'admin', displayName: 'Ada Admin', role: Role.Administrator });
    await newUser(t.db, { username: 'tm.pages', displayName: 'Theo Manager', role: Role.TeamManager });
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
  const userNamed = (username: string) => t.db.read((m) => m.findOneBy(User, { username }));

  it('sends a visitor without a session to sign in, and refuses other roles', async () => {
    for (const path of ['/admin/users', '/admin/users/new', '/admin/teams', '/admin/teams/new']) {
      const response = await t.http().get(path);
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(`/login?returnTo=${encodeURIComponent(path)}`);
    }
    const tm = await webSignIn(t, 'tm.pages');
    expect((await get('/admin/users', tm)).status).toBe(403);
    expect((await get('/admin/teams', tm)).status).toBe(403);
    expect((await post('/admin/teams/localities/new', { name: 'Tm town' }, tm)).status).toBe(403);
  });

  it('refuses a form without its CSRF token and writes nothing', async () => {
    const form = {
      username: 'no.csrf',
      displayName: 'No Csrf',
      role: 'moderator',
      passwordChoice: 'generate',
    };
    const response = await t
      .http()
      .post('/admin/users/new')
      .set('Cookie', admin.cookie)
      .type('form')
      .send(form);
    expect(response.status).toBe(403);
    expect(await userNamed('no.csrf')).toBeNull();
    const team = await t
      .http()
      .post('/admin/teams/new')
      .set('Cookie', admin.cookie)
      .type('form')
      .send({ name: 'Csrf Team', locality: 'North' });
    expect(team.status).toBe(403);
    expect(await t.db.read((m) => m.findOneBy(Team, { name: 'Csrf Team' }))).toBeNull();
  });

  it('lists users with filters and a search', async () => {
    const page = await get('/admin/users?role=team_manager').expect(200);
    expect(page.text).toContain('Theo Manager');
    expect(page.text).not.toContain('Ada Admin</a>');
    const search = await get('/admin/users?q=ada').expect(200);
    expect(search.text).toContain('1 user found');
    expect((await get('/admin/users?q=nobody-at-all')).text).toContain('No users match these filters');
  });

  it('adds a user with a made-up password shown once; refuses blanks and a taken username', async () => {
    const blank = await post('/admin/users/new', {
      username: '',
      displayName: '',
      role: '',
      passwordChoice: '',
    });
    expect(blank.status).toBe(422);
    for (const text of ['Enter a username', 'Enter the person’s name', 'Select a role']) {
      expect(blank.text).toContain(text);
    }
    const noTeam = await post('/admin/users/new', {
      username: 'tm.new',
      displayName: 'Tia New',
      role: 'team_manager',
      passwordChoice: 'generate',
    });
    expect(noTeam.status).toBe(422);
    expect(noTeam.text).toContain('href="#team"');
    expect(noTeam.text).toContain('value="tm.new"');
    const added = await post('/admin/users/new', {
      username: 'tm.new',
      displayName: 'Tia New',
      role: 'team_manager',
      team: 'North CP',
      passwordChoice: 'generate',
    });
    expect(added.status).toBe(200);
    const password = /id="password">([^<]+)</.exec(added.text)![1];
    expect(password).toHaveLength(16);
    await webSignIn(t, 'tm.new', password);
    const taken = await post('/admin/users/new', {
      username: 'tm.new',
      displayName: 'Other',
      role: 'moderator',
      passwordChoice: 'set',
      password: 'long-enough-1',
    });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('Username tm.new is taken');
  });

  it('adds a user with a chosen password, then redirects to them', async () => {
    const short = await post('/admin/users/new', {
      username: 'mod.new',
      displayName: 'Mo Derator',
      role: 'moderator',
      passwordChoice: 'set',
      password: 'short',
    });
    expect(short.status).toBe(422);
    expect(short.text).toContain('Password must be 10 to 200 characters');
    const added = await post('/admin/users/new', {
      username: 'mod.new',
      displayName: 'Mo Derator',
      role: 'moderator',
      passwordChoice: 'set',
      password: 'long-enough-1',
    });
    expect(added.status).toBe(303);
    const page = await get(added.headers.location as string).expect(200);
    expect(page.text).toContain('The user has been added');
    expect(page.text).not.toMatch(/argon2|long-enough-1/);
  });

  it('resets a password and deactivates a user: their session is gone and they cannot sign in', async () => {
    const id = await newUser(t.db, {
      username: 'ap.pages',
      displayName: 'Alex Practitioner',
      role: Role.AdvancedPractitioner,
    });
    const theirs = await webSignIn(t, 'ap.pages');
    const blank = await post(`/admin/users/${id}/reset-password`, { passwordChoice: 'set', password: '' });
    expect(blank.status).toBe(422);
    expect(blank.text).toContain('Enter the new password');
    const reset = await post(`/admin/users/${id}/reset-password`, {
      passwordChoice: 'set',
      password: 'brand-new-pass',
    });
    expect(reset.status).toBe(303);
    const signedOut = await get('/', theirs);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.location).toBe('/login');
    await webSignIn(t, 'ap.pages', 'brand-new-pass');
    expect((await get(`/admin/users/${id}/deactivate`)).text).toContain('Are you sure');
    const off = await post(`/admin/users/${id}/deactivate`, {});
    expect(off.status).toBe(303);
    expect((await get(off.headers.location as string)).text).toContain('has been deactivated');
    expect(await t.db.read((m) => m.countBy(Session, { userId: id }))).toBe(0);
    await expect(webSignIn(t, 'ap.pages', 'brand-new-pass')).rejects.toThrow(/answered 401/);
    const on = await post(`/admin/users/${id}/reactivate`, {});
    expect(on.status).toBe(303);
    await webSignIn(t, 'ap.pages', 'brand-new-pass');
  });

  it('refuses deactivating yourself with 409 on the page', async () => {
    const me = await userNamed('admin');
    const response = await post(`/admin/users/${me!.id}/deactivate`, {});
    expect(response.status).toBe(409);
    expect(response.text).toContain('You cannot deactivate your own account');
    expect((await userNamed('admin'))!.active).toBe(true);
  });

  it('adds a locality and a team, renames them, and refuses blanks and taken names', async () => {
    expect((await post('/admin/teams/localities/new', { name: ' ' })).status).toBe(422);
    const added = await post('/admin/teams/localities/new', { name: 'East' });
    expect(added.status).toBe(303);
    expect((await post('/admin/teams/localities/new', { name: 'east' })).status).toBe(409);
    const blank = await post('/admin/teams/new', { name: '', locality: '' });
    expect(blank.status).toBe(422);
    expect(blank.text).toContain('Select the team’s locality');
    expect(
      (await post('/admin/teams/new', { name: 'East CIN', locality: 'East', cohort: 'CIN' })).status,
    ).toBe(303);
    const taken = await post('/admin/teams/new', { name: 'north cp', locality: 'East' });
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('A team is already called north cp');
    const team = await t.db.read((m) => m.findOneByOrFail(Team, { name: 'East CIN' }));
    const renamed = await post(`/admin/teams/${team.id}/edit`, {
      name: 'East Children in Need',
      locality: 'East',
      cohort: '',
    });
    expect(renamed.status).toBe(303);
    const list = await get(renamed.headers.location as string).expect(200);
    expect(list.text).toContain('East Children in Need');
    expect(list.text).toContain('The team has been saved');
    expect((await get('/admin/teams/9999/edit')).status).toBe(404);
  });
});
