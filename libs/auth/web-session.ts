import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request } from 'express';
import { SetMetadata } from '@nestjs/common';

/** The browser's session cookie: it holds the same kind of token a bearer client gets. */
export const SESSION_COOKIE = 'case_audit_session';
/** Before sign-in there is no session to tie a CSRF token to: the sign-in form double-submits this. */
export const SIGN_IN_CSRF_COOKIE = 'case_audit_sign_in';
/** The hidden form field (and, for multipart forms, the query parameter) that carries the token. */
export const CSRF_FIELD = '_csrf';

export const IS_PAGE = 'caseAudit:isPage';

/**
 * Marks a controller (or route) as a web page: signed in by the session cookie, not a bearer
 * token; every unsafe method carries the CSRF token; errors answer as HTML pages.
 */
export const Page = () => SetMetadata(IS_PAGE, true);

/** Secure when served over HTTPS (behind a proxy TRUST_PROXY believes) or when COOKIE_SECURE=true. */
export function sessionCookieOptions(request: Request): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.secure || process.env.COOKIE_SECURE === 'true',
    path: '/',
  };
}

/**
 * The synchroniser token of a session, derived from its secret token so that nothing more is
 * stored: a page on another site can neither read it nor work it out.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('case-audit csrf').digest('base64url');
}

export function newSignInCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

/** The token a form sent: the hidden field, or the query for multipart forms read after the guard. */
export function postedCsrfToken(request: Request): unknown {
  const body = request.body as Record<string, unknown> | undefined;
  return body?.[CSRF_FIELD] ?? request.query[CSRF_FIELD];
}

export function cookie(request: Request, name: string): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
