import { testEngines } from './support/engines.js';
import { loginAs, newUser, Role, startTestApp, type TestApp } from './support/test-app.js';
import { cookiesOf, webSignIn, type WebSession } from './support/web-session.js';
import { csrfTokenFor } from '../libs/auth/web-session.js';

const SET_BY_ADMIN = 'kettle-orbit-violet-42';
const CHOSEN = 'lantern-meadow-copper-7';
const engines = await testEngines('password-change');

describe.each(engines)('passwords people choose (HTTP, %s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let admin: string;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp(databaseUrl());
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    admin = await loginAs(t, 'admin');
  });

  afterAll(() => t?.close());

  /** A person an administrator adds, with a password the administrator typed. */
  const added = async (password = SET_BY_ADMIN) => {
    const username = `person.number.${++seq}`;
    const created = await t
      .http()
      .post('/api/v1/org/users')
      .set('Authorization', admin)
      .send({ username, displayName: `Person ${seq}`, role: Role.Administrator, password })
      .expect(201);
    return { username, id: created.body.id as number };
  };
  const apiLogin = (username: string, password: string) =>
    t.http().post('/api/v1/auth/login').send({ username, password });
  const change = (username: string, password: string, newPassword: string) =>
    t.http().post('/api/v1/auth/password').send({ username, password, newPassword });

  describe('over the API', () => {
    it('refuses a login with the administrator’s password, in words a script can act on', async () => {
      const { username } = await added();
      const refused = await apiLogin(username, SET_BY_ADMIN).expect(403);
      expect(refused.type).toBe('application/problem+json');
      expect(refused.body).toMatchObject({
        code: 'PASSWORD_CHANGE_REQUIRED',
        passwordChangeRequired: true,
        changePassword: 'POST /api/v1/auth/password',
      });
      expect(refused.body.token).toBeUndefined();
      // A wrong password still says only that it is wrong.
      await apiLogin(username, 'not-the-password').expect(401);
    });

    it('lets the person choose their own, which then signs in; the old one no longer does', async () => {
      const { username } = await added();
      const chosen = await change(username, SET_BY_ADMIN, CHOSEN).expect(200);
      expect(chosen.body.user).toMatchObject({ username });
      expect(chosen.body.user.mustChangePassword).toBeUndefined();
      const token = `Bearer ${chosen.body.token as string}`;
      await t.http().get('/api/v1/auth/me').set('Authorization', token).expect(200);
      await apiLogin(username, CHOSEN).expect(200);
      await apiLogin(username, SET_BY_ADMIN).expect(401);
    });

    it.each([
      ['a common password', 'password123', /commonly used/],
      ['a common password in capitals', 'QWERTYUIOP', /commonly used/],
      ['the username', 'USERNAME', /not be the username/],
      ['the current password', SET_BY_ADMIN, /different from the current/],
      ['a short one', 'short', /10 to 200/],
    ])('refuses %s as the new password (422 naming it)', async (_case, newPassword, message) => {
      const { username } = await added();
      const refused = await change(
        username,
        SET_BY_ADMIN,
        newPassword === 'USERNAME' ? username : newPassword,
      );
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([
        { field: 'newPassword', message: expect.stringMatching(message) },
      ]);
      await apiLogin(username, SET_BY_ADMIN).expect(403);
    });

    it('refuses a wrong current password as a wrong login (401), counted against the limits', async () => {
      const { username } = await added();
      await change(username, 'not-the-password', CHOSEN).expect(401);
      await apiLogin(username, SET_BY_ADMIN).expect(403);
    });

    it('refuses a common password set by an administrator, adding or resetting', async () => {
      const common = await t
        .http()
        .post('/api/v1/org/users')
        .set('Authorization', admin)
        .send({
          username: 'common.one',
          displayName: 'Common',
          role: Role.Administrator,
          password: 'Password123',
        })
        .expect(422);
      expect(common.body.errors).toEqual([
        { field: 'password', message: expect.stringMatching(/commonly used/) },
      ]);
      const { id } = await added();
      const reset = await t
        .http()
        .post(`/api/v1/org/users/${id}/reset-password`)
        .set('Authorization', admin)
        .send({ password: '1q2w3e4r5t' })
        .expect(422);
      expect(reset.body.errors).toEqual([
        { field: 'password', message: expect.stringMatching(/commonly used/) },
      ]);
    });

    it('asks again after an administrator resets the password, and not of people who chose theirs', async () => {
      const { username, id } = await added();
      await change(username, SET_BY_ADMIN, CHOSEN).expect(200);
      await t
        .http()
        .post(`/api/v1/org/users/${id}/reset-password`)
        .set('Authorization', admin)
        .send({ password: SET_BY_ADMIN })
        .expect(200);
      await apiLogin(username, SET_BY_ADMIN).expect(403);
      // Made by the factory, as the demo's people are: their password counts as their own.
      await newUser(t.db, { username: 'chose.theirs', role: Role.Administrator });
      await loginAs(t, 'chose.theirs');
    });
  });

  describe('on the web pages', () => {
    it('refuses a common password an administrator sets on the reset page, on the form', async () => {
      const adminSession = await webSignIn(t, 'admin');
      const { id } = await added();
      const refused = await t
        .http()
        .post(`/admin/users/${id}/reset-password`)
        .type('form')
        .set('Cookie', adminSession.cookie)
        .send({ _csrf: adminSession.csrf, passwordChoice: 'set', password: 'Liverpool1' })
        .expect(422);
      expect(refused.text).toContain('govuk-error-summary');
      expect(refused.text).toMatch(/commonly used passwords/);
      expect(refused.text).toContain('href="#password"');
    });

    const get = (session: WebSession, path: string) => t.http().get(path).set('Cookie', session.cookie);
    const post = (session: WebSession, fields: Record<string, string>) =>
      t
        .http()
        .post('/account/password')
        .type('form')
        .set('Cookie', session.cookie)
        .send({ _csrf: session.csrf, ...fields });

    it('sends the person to choose a password before any page, then lets them on', async () => {
      const { username } = await added();
      const session = await webSignIn(t, username, SET_BY_ADMIN);
      // Signed in, the login page itself sends them on to choose (never back to itself).
      const onward = await get(session, '/login').expect(303);
      expect(onward.headers.location).toBe('/account/password');
      for (const path of ['/', '/admin', '/admin/users', '/audits']) {
        const sent = await get(session, path).expect(303);
        expect(sent.headers.location).toBe('/account/password');
      }
      const page = await get(session, '/account/password').expect(200);
      expect(page.text).toContain('Choose a new password');
      expect(page.text).toContain('Your administrator set your password');

      const common = await post(session, {
        currentPassword: SET_BY_ADMIN,
        newPassword: 'Manchester',
        confirmPassword: 'Manchester',
      }).expect(422);
      expect(common.text).toContain('govuk-error-summary');
      expect(common.text).toContain('Your new password is on a list of commonly used passwords');
      expect(common.text).not.toContain('NewPassword');

      const mismatch = await post(session, {
        currentPassword: SET_BY_ADMIN,
        newPassword: CHOSEN,
        confirmPassword: `${CHOSEN}x`,
      }).expect(422);
      expect(mismatch.text).toContain('Enter the same new password twice');

      const wrong = await post(session, {
        currentPassword: 'not-the-password',
        newPassword: CHOSEN,
        confirmPassword: CHOSEN,
      }).expect(401);
      expect(wrong.text).toContain('Your current password is not right');

      const done = await post(session, {
        currentPassword: SET_BY_ADMIN,
        newPassword: CHOSEN,
        confirmPassword: CHOSEN,
      }).expect(303);
      expect(done.headers.location).toBe('/admin');
      const token = cookiesOf(done.headers['set-cookie']).get('case_audit_session')!;
      const renewed: WebSession = { cookie: `case_audit_session=${token}`, csrf: csrfTokenFor(token) };
      await get(renewed, '/admin').expect(200);
      await get(renewed, '/admin/users').expect(200);
      // The session that changed it ended with the change; the new password signs in.
      await get(session, '/admin').expect(303);
      await webSignIn(t, username, CHOSEN);
    });
  });
});
