import { AuthService } from '../libs/auth/auth.service.js';
import { FixedClock } from '../libs/clock/index.js';
import {
  loginAs,
  newUser,
  Role,
  sqliteTestUrl,
  startTestApp,
  TEST_NOW,
  TEST_PASSWORD,
  type TestApp,
} from './support/test-app.js';
import { cookiesOf, csrfFieldOf, webSignIn } from './support/web-session.js';

const MINUTE = 60_000;

describe('web sessions: sign-in form, cookie, CSRF, time-outs (HTTP, SQLite file)', () => {
  let t: TestApp;
  const clock = new FixedClock(TEST_NOW);

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('web-session'), { clock });
    await newUser(t.db, { username: 'tm', role: Role.TeamManager });
  });

  beforeEach(() => clock.set(TEST_NOW));

  afterAll(async () => {
    await t?.close();
  });

  async function signInForm() {
    const page = await t.http().get('/login').expect(200);
    // Over HTTPS (COOKIE_SECURE=true) the cookie is named with the __Host- prefix.
    const [name, value] = [...cookiesOf(page.headers['set-cookie'])].find(([n]) =>
      n.endsWith('case_audit_sign_in'),
    )!;
    return { csrf: csrfFieldOf(page.text), cookie: `${name}=${value}`, page };
  }

  it('serves a sign-in form with fields named username and password, and a nonce on its one inline script', async () => {
    const { page } = await signInForm();
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('name="username"');
    expect(page.text).toContain('name="password"');
    const nonce = /'nonce-([^']+)'/.exec(page.headers['content-security-policy'])?.[1];
    expect(nonce).toBeTruthy();
    expect(page.text).toContain(`<script nonce="${nonce}">`);
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('signs in with an HttpOnly, SameSite=Lax cookie and sends each role to its start page', async () => {
    const form = await signInForm();
    const posted = await t
      .http()
      .post('/login')
      .type('form')
      .set('Cookie', form.cookie)
      .send({ username: 'tm', password: TEST_PASSWORD, _csrf: form.csrf, returnTo: '/' })
      .expect(303);
    expect(posted.headers.location).toBe('/audits');
    const line = [posted.headers['set-cookie']]
      .flat()
      .find((c: string) => c.startsWith('case_audit_session='))!;
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(line).not.toMatch(/Secure/);
  });

  it('marks the cookie Secure when COOKIE_SECURE=true', async () => {
    process.env.COOKIE_SECURE = 'true';
    try {
      const form = await signInForm();
      const posted = await t
        .http()
        .post('/login')
        .type('form')
        .set('Cookie', form.cookie)
        .send({ username: 'tm', password: TEST_PASSWORD, _csrf: form.csrf })
        .expect(303);
      const line = [posted.headers['set-cookie']]
        .flat()
        .find((c: string) => c.startsWith('case_audit_session='))!;
      expect(line).toMatch(/; Secure/);
    } finally {
      delete process.env.COOKIE_SECURE;
    }
  });

  it('refuses a sign-in posted without the form’s token, and starts no session', async () => {
    const form = await signInForm();
    const posted = await t
      .http()
      .post('/login')
      .type('form')
      .send({ username: 'tm', password: TEST_PASSWORD, _csrf: form.csrf })
      .expect(403);
    expect(posted.text).toContain('Nothing was saved');
    expect(cookiesOf(posted.headers['set-cookie']).has('case_audit_session')).toBe(false);
  });

  it('answers a wrong password and blank fields on the form, with an error summary linking to the field', async () => {
    const form = await signInForm();
    const wrong = await t
      .http()
      .post('/login')
      .type('form')
      .set('Cookie', form.cookie)
      .send({ username: 'tm', password: 'not-it', _csrf: form.csrf })
      .expect(401);
    expect(wrong.text).toContain('govuk-error-summary');
    expect(wrong.text).toContain('href="#username"');
    expect(wrong.text).toContain('Enter a correct username and password');
    expect(wrong.text).toContain('<title>Error: Sign in');
    const again = await signInForm();
    const blank = await t
      .http()
      .post('/login')
      .type('form')
      .set('Cookie', again.cookie)
      .send({ username: ' ', password: '', _csrf: again.csrf })
      .expect(422);
    expect(blank.text).toContain('Enter your username');
    expect(blank.text).toContain('Enter your password');
    expect(blank.text).toContain('href="#password"');
  });

  it('sends a page request without a session to sign in, and back after, but never off the site', async () => {
    const away = await t.http().get('/?x=1').expect(303);
    expect(away.headers.location).toBe('/login?returnTo=%2F%3Fx%3D1');
    const form = await signInForm();
    for (const [returnTo, location] of [
      ['/audits?page=2', '/audits?page=2'],
      ['//evil.example/x', '/audits'],
      ['https://evil.example/', '/audits'],
      ['/\\evil.example', '/audits'],
    ]) {
      const posted = await t
        .http()
        .post('/login')
        .type('form')
        .set('Cookie', form.cookie)
        .send({ username: 'tm', password: TEST_PASSWORD, _csrf: form.csrf, returnTo })
        .expect(303);
      expect(posted.headers.location).toBe(location);
    }
  });

  it('answers too many failed sign-ins with 429, Retry-After and the wait in words, on the form', async () => {
    await newUser(t.db, { username: 'locked', role: Role.TeamManager });
    let last = { status: 0, text: '', headers: {} as Record<string, string> };
    for (let attempt = 0; attempt < 12 && last.status !== 429; attempt++) {
      const form = await signInForm();
      last = await t
        .http()
        .post('/login')
        .type('form')
        .set('Cookie', form.cookie)
        .send({ username: 'locked', password: 'wrong', _csrf: form.csrf });
    }
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.text).toContain('Too many failed attempts');
    expect(last.text).toContain('href="#username"');
  });

  it('keeps cookie sessions and bearer tokens apart', async () => {
    const web = await webSignIn(t, 'tm');
    const token = web.cookie.split('=')[1];
    await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    const bearer = (await loginAs(t, 'tm')).replace('Bearer ', '');
    await t.http().get('/').set('Cookie', `case_audit_session=${bearer}`).expect(303);
    await t.http().get('/').set('Cookie', web.cookie).expect(302);
  });

  it('ends a browser session after 30 idle minutes, and in any case 8 hours after sign-in', async () => {
    const idle = await webSignIn(t, 'tm');
    clock.advance(29 * MINUTE);
    await t.http().get('/').set('Cookie', idle.cookie).expect(302);
    clock.advance(29 * MINUTE);
    await t.http().get('/').set('Cookie', idle.cookie).expect(302);
    clock.advance(31 * MINUTE);
    expect((await t.http().get('/').set('Cookie', idle.cookie).expect(303)).headers.location).toBe('/login');

    clock.set(TEST_NOW);
    const busy = await webSignIn(t, 'tm');
    for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
      clock.advance(20 * MINUTE);
      await t.http().get('/').set('Cookie', busy.cookie).expect(302);
    }
    clock.advance(21 * MINUTE);
    await t.http().get('/').set('Cookie', busy.cookie).expect(303);
  });

  it('refuses sign-out without the CSRF token, leaving the session, and signs out with it', async () => {
    const web = await webSignIn(t, 'tm');
    const forged = await t.http().post('/logout').type('form').set('Cookie', web.cookie).send({}).expect(403);
    expect(forged.text).toContain('The form was not sent from this service');
    await t
      .http()
      .post('/logout')
      .type('form')
      .set('Cookie', web.cookie)
      .send({ _csrf: 'x'.repeat(43) })
      .expect(403);
    await t.http().get('/').set('Cookie', web.cookie).expect(302);
    const out = await t
      .http()
      .post('/logout')
      .type('form')
      .set('Cookie', web.cookie)
      .send({ _csrf: web.csrf })
      .expect(303);
    expect(out.headers.location).toBe('/login?signedOut=1');
    await t.http().get('/').set('Cookie', web.cookie).expect(303);
  });

  it('answers unknown pages with an HTML 404 and unknown API routes with problem+json', async () => {
    const page = await t.http().get('/no-such-page').expect(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Page not found');
    const api = await t.http().get('/api/v1/no-such-route').expect(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('serves stylesheets and fonts with long cache headers, without a session', async () => {
    const css = await t.http().get('/static/1/govuk-frontend.min.css').expect(200);
    expect(css.headers['cache-control']).toContain('max-age=31536000');
    const font = await t.http().get('/assets/fonts/light-94a07e06a1-v2.woff2').expect(200);
    expect(font.headers['cache-control']).toContain('max-age=31536000');
    await t.http().get('/static/1/package.json').expect(404);
  });
});

describe('web pages when something fails (HTTP, SQLite file)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('web-failure'), {
      override: (builder) =>
        builder.overrideProvider(AuthService).useValue({
          login: () => Promise.reject(new Error('database is on fire: case B0001 for J. Smith')),
          userForToken: () => Promise.resolve(null),
        }),
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers an unexpected failure with the GOV.UK 500 page: a reference to quote, and nothing of the failure', async () => {
    const page = await t.http().get('/login').expect(200);
    const signInCookie = cookiesOf(page.headers['set-cookie']).get('case_audit_sign_in');
    const failed = await t
      .http()
      .post('/login')
      .type('form')
      .set('Cookie', `case_audit_sign_in=${signInCookie}`)
      .send({ username: 'tm', password: TEST_PASSWORD, _csrf: csrfFieldOf(page.text) })
      .expect(500);
    expect(failed.headers['content-type']).toMatch(/^text\/html/);
    expect(failed.text).toContain('Sorry, there is a problem with the service');
    expect(failed.text).toContain(failed.headers['x-correlation-id']);
    expect(failed.text).not.toContain('fire');
    expect(failed.text).not.toContain('B0001');
  });
});
