import { ImportRun } from '../libs/cases/import-run.entity.js';
import { Locality } from '../libs/org/locality.entity.js';
import { registerCsv } from './support/register-files.js';
import {
  newUser,
  Role,
  sqliteTestUrl,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from './support/test-app.js';
import { cookiesOf, csrfFieldOf, webSignIn, type WebSession } from './support/web-session.js';

/** Issue 11 point 7: a CSRF token travels only in a form's body (or a script's header), never in a URL. */
describe('CSRF tokens travel only in the body (HTTP, SQLite file)', () => {
  let t: TestApp;
  let admin: WebSession;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('csrf-body-only'));
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    admin = await webSignIn(t, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  const localities = () => t.db.read((m) => m.count(Locality));
  const runs = () => t.db.read((m) => m.count(ImportRun));

  it('refuses the right token in the query string with 403 and writes nothing', async () => {
    const before = await localities();
    const refused = await t
      .http()
      .post(`/admin/teams/localities/new?_csrf=${encodeURIComponent(admin.csrf)}`)
      .type('form')
      .set('Cookie', admin.cookie)
      .send({ name: 'Query town' })
      .expect(403);
    expect(refused.text).toContain('The form was not sent from this service');
    expect(await localities()).toBe(before);
  });

  it('takes the token from the body, or from the X-CSRF-Token header for scripts', async () => {
    const before = await localities();
    await t
      .http()
      .post('/admin/teams/localities/new')
      .type('form')
      .set('Cookie', admin.cookie)
      .send({ _csrf: admin.csrf, name: 'Body town' })
      .expect(303);
    await t
      .http()
      .post('/admin/teams/localities/new')
      .type('form')
      .set('Cookie', admin.cookie)
      .set('X-CSRF-Token', admin.csrf)
      .send({ name: 'Header town' })
      .expect(303);
    expect(await localities()).toBe(before + 2);
  });

  it('reads a multipart body only on an upload route: elsewhere its token is not seen, and refused', async () => {
    const before = await localities();
    await t
      .http()
      .post('/admin/teams/localities/new')
      .set('Cookie', admin.cookie)
      .field('_csrf', admin.csrf)
      .field('name', 'Multipart town')
      .expect(403);
    expect(await localities()).toBe(before);
  });

  describe('the register upload (a multipart form)', () => {
    const file = Buffer.from(registerCsv([{ ref: 'Q00001', cohort: 'CIN', team: 'North CIN' }]));

    it('puts its token in a hidden field, not in its action', async () => {
      const page = await t.http().get('/admin/register').set('Cookie', admin.cookie).expect(200);
      expect(page.text).toContain('action="/admin/register"');
      expect(csrfFieldOf(page.text)).toBe(admin.csrf);
      expect(page.text).not.toMatch(/[?&]_csrf=/);
    });

    it('refuses the token in the query string with 403, and stages nothing', async () => {
      const refused = await t
        .http()
        .post(`/admin/register?_csrf=${encodeURIComponent(admin.csrf)}`)
        .set('Cookie', admin.cookie)
        .attach('files', file, 'register.csv')
        .expect(403);
      expect(refused.text).toContain('The form was not sent from this service');
      expect(await runs()).toBe(0);
    });

    it('refuses a wrong token in the body with 403', async () => {
      await t
        .http()
        .post('/admin/register')
        .set('Cookie', admin.cookie)
        .field('_csrf', 'not-the-token')
        .attach('files', file, 'register.csv')
        .expect(403);
    });

    it('accepts the token from the multipart body and stages the upload', async () => {
      const posted = await t
        .http()
        .post('/admin/register')
        .set('Cookie', admin.cookie)
        .field('_csrf', admin.csrf)
        .attach('files', file, 'register.csv')
        .expect(303);
      expect(posted.headers.location).toMatch(/^\/admin\/register\/imports\/[0-9a-f-]{36}$/);
    });
  });

  describe('the sign-in form’s double-submit cookie', () => {
    const signIn = (cookie: string, csrf: string) =>
      t
        .http()
        .post('/login')
        .type('form')
        .set('Cookie', cookie)
        .send({ username: 'admin', password: TEST_PASSWORD, _csrf: csrf, returnTo: '/' });

    it('refuses an equal pair the server did not sign', async () => {
      for (const forged of ['abc', 'abc.def', `${'a'.repeat(32)}.${'b'.repeat(43)}`]) {
        const refused = await signIn(`case_audit_sign_in=${forged}`, forged).expect(403);
        expect(refused.headers['set-cookie']?.toString() ?? '').not.toContain('case_audit_session=');
      }
    });

    it('refuses a signed token sent with a different one', async () => {
      const page = await t.http().get('/login').expect(200);
      const cookie = cookiesOf(page.headers['set-cookie']).get('case_audit_sign_in')!;
      const other = csrfFieldOf((await t.http().get('/login').expect(200)).text);
      await signIn(`case_audit_sign_in=${cookie}`, other).expect(403);
    });

    it('signs in with the token the form was given', async () => {
      const page = await t.http().get('/login').expect(200);
      const cookie = cookiesOf(page.headers['set-cookie']).get('case_audit_sign_in')!;
      expect(cookie).toBe(csrfFieldOf(page.text));
      const posted = await signIn(`case_audit_sign_in=${cookie}`, cookie).expect(303);
      expect(cookiesOf(posted.headers['set-cookie']).get('case_audit_session')).toBeTruthy();
    });

    it('names the cookie __Host- over HTTPS: Secure, Path=/ and no Domain', async () => {
      process.env.COOKIE_SECURE = 'true';
      try {
        const page = await t.http().get('/login').expect(200);
        const line = [page.headers['set-cookie'] ?? []].flat().find((l) => l.startsWith('__Host-'));
        expect(line).toMatch(/^__Host-case_audit_sign_in=[^;]+;/);
        expect(line).toContain('Secure');
        expect(line).toContain('Path=/');
        expect(line).not.toMatch(/Domain=/i);
        const token = cookiesOf(page.headers['set-cookie']).get('__Host-case_audit_sign_in')!;
        // The plain name is not read over HTTPS, so a cookie planted under it does nothing.
        await signIn(`case_audit_sign_in=${token}`, token).expect(403);
        await signIn(`__Host-case_audit_sign_in=${token}`, token).expect(303);
      } finally {
        delete process.env.COOKIE_SECURE;
      }
    });
  });
});
