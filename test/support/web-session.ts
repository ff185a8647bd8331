import { csrfTokenFor } from '../../libs/auth/web-session.js';
import type { TestApp } from './test-app.js';
import { TEST_PASSWORD } from './test-app.js';

/** A signed-in browser, as supertest sees one: the session cookie and the CSRF token its pages carry. */
export interface WebSession {
  cookie: string;
  csrf: string;
}

export function cookiesOf(setCookie: string[] | string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of [setCookie ?? []].flat()) {
    const [pair] = line.split(';');
    const index = pair.indexOf('=');
    cookies.set(pair.slice(0, index), pair.slice(index + 1));
  }
  return cookies;
}

/** The hidden `_csrf` value of the first form on a page's HTML. */
export function csrfFieldOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('the page has no form with a _csrf field');
  return match[1];
}

/** Signs in through the sign-in form; the CSRF token is the one the session's forms carry. */
export async function webSignIn(t: TestApp, username: string, password = TEST_PASSWORD): Promise<WebSession> {
  const form = await t.http().get('/login').expect(200);
  const signInCookie = cookiesOf(form.headers['set-cookie']).get('case_audit_sign_in')!;
  const posted = await t
    .http()
    .post('/login')
    .type('form')
    .set('Cookie', `case_audit_sign_in=${signInCookie}`)
    .send({ username, password, _csrf: csrfFieldOf(form.text), returnTo: '/' });
  if (posted.status !== 303)
    throw new Error(`sign-in answered ${posted.status}: ${posted.text.slice(0, 300)}`);
  const session = cookiesOf(posted.headers['set-cookie']).get('case_audit_session');
  if (!session) throw new Error('sign-in set no session cookie');
  return { cookie: `case_audit_session=${session}`, csrf: csrfTokenFor(session) };
}
