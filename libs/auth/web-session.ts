import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request } from 'express';
import { SetMetadata } from '@nestjs/common';
import { serverSecret } from './server-secret.js';

/** The browser's session cookie: it holds the same kind of token a bearer client gets. */
export const SESSION_COOKIE = 'case_audit_session';
/** Before sign-in there is no session to tie a CSRF token to: the sign-in form double-submits this. */
export const SIGN_IN_CSRF_COOKIE = 'case_audit_sign_in';
/**
 * Over HTTPS the cookie takes the `__Host-` prefix: the browser then keeps it only if it is
 * Secure, has Path=/ and no Domain, so a neighbouring subdomain cannot plant one.
 */
export const SECURE_SIGN_IN_CSRF_COOKIE = `__Host-${SIGN_IN_CSRF_COOKIE}`;
/** The hidden form field that carries the token; never the query string, which logs keep. */
export const CSRF_FIELD = '_csrf';
/** Where a script sends the token instead. */
export const CSRF_HEADER = 'x-csrf-token';

export const IS_PAGE = 'caseAudit:isPage';

/**
 * Marks a controller (or route) as a web page: signed in by the session cookie, not a bearer
 * token; every unsafe method carries the CSRF token; errors answer as HTML pages.
 */
export const Page = () => SetMetadata(IS_PAGE, true);

/** Served over HTTPS (behind a proxy TRUST_PROXY believes), or COOKIE_SECURE=true says so. */
export function isSecureRequest(request: Request): boolean {
  return request.secure || process.env.COOKIE_SECURE === 'true';
}

/** Secure when served over HTTPS; never a Domain, so the `__Host-` prefix may be used. */
export function sessionCookieOptions(request: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: isSecureRequest(request), path: '/' };
}

export function signInCsrfCookieName(request: Request): string {
  return isSecureRequest(request) ? SECURE_SIGN_IN_CSRF_COOKIE : SIGN_IN_CSRF_COOKIE;
}

/**
 * The synchroniser token of a session, derived from its secret token so that nothing more is
 * stored: a page on another site can neither read it nor work it out.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('case-audit csrf').digest('base64url');
}

/**
 * A signed double-submit token: a nonce and the server's HMAC of it. An equal pair that someone
 * made up (`abc`/`abc`, or a cookie planted from a sibling domain) lacks the signature.
 */
export function newSignInCsrfToken(): string {
  const nonce = randomBytes(24).toString('base64url');
  return `${nonce}.${signInSignature(nonce)}`;
}

/** The cookie's token and the form's are the same, and the server signed it. */
export function validSignInCsrf(cookieToken: string | undefined, posted: unknown): boolean {
  if (!cookieToken || !sameToken(cookieToken, posted)) return false;
  const [nonce, signature, extra] = cookieToken.split('.');
  if (!nonce || !signature || extra !== undefined) return false;
  return sameToken(signInSignature(nonce), signature);
}

function signInSignature(nonce: string): string {
  return createHmac('sha256', serverSecret()).update(`case-audit sign-in csrf ${nonce}`).digest('base64url');
}

export function sameToken(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

/**
 * The token a form or script sent: the `X-CSRF-Token` header, or the body's hidden field. The
 * query string is never read: proxies and access logs keep URLs, and a token there leaks.
 */
export function postedCsrfToken(request: Request): unknown {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string' && header !== '') return header;
  const body: unknown = request.body;
  return body !== null && typeof body === 'object'
    ? (body as Record<string, unknown>)[CSRF_FIELD]
    : undefined;
}

export function cookie(request: Request, name: string): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
