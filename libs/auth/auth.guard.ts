import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from '../common/index.js';
import { newFormToken } from '../idempotency/index.js';
import { type Role, ROLES } from '../org/index.js';
import { BEFORE_PASSWORD_CHANGE, IS_PUBLIC } from './auth.decorators.js';
import { AuthService, passwordChangeRequired } from './auth.service.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { CSRF_AFTER_MULTIPART, csrfRefused, expectCsrfAfterParse } from './multipart-csrf.js';
import { cookie, csrfTokenFor, IS_PAGE, postedCsrfToken, sameToken, SESSION_COOKIE } from './web-session.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard: a valid bearer token (a session cookie, on pages) on every route but the public
 * ones, then the route's declared roles. It fails closed: a route that forgot to declare roles is refused, not open.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    const user = this.reflector.getAllAndOverride<boolean>(IS_PAGE, targets)
      ? await this.pageUser(request, context.switchToHttp().getResponse<Response>(), targets)
      : await this.bearerUser(request);
    request.user = user;
    // Until they choose their own password, a person may do nothing else (pages redirect to it).
    if (
      user.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE, targets)
    ) {
      throw passwordChangeRequired();
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
    if (!roles.includes(user.role)) {
      throw new DomainError(ErrorCode.Forbidden, `The ${user.role} role may not do this`);
    }
    return true;
  }

  private async bearerUser(request: Request): Promise<AuthenticatedUser> {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token)
      throw new DomainError(ErrorCode.Unauthenticated, 'Log in first: send Authorization: Bearer <token>');
    const user = await this.auth.userForToken(token);
    if (!user)
      throw new DomainError(ErrorCode.Unauthenticated, 'The session has expired or was ended; log in again');
    return user;
  }

  /**
   * A page's user comes from the session cookie. Every unsafe request must also carry the
   * session's CSRF token in its body (or the X-CSRF-Token header), checked here before any
   * handler runs, so a forged form writes nothing. A multipart form's body is not parsed yet:
   * on a route that declares one, its token is checked right after parsing (MultipartPageForm).
   */
  private async pageUser(
    request: Request,
    response: Response,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
  ): Promise<AuthenticatedUser> {
    const token = cookie(request, SESSION_COOKIE);
    const user = token ? await this.auth.userForToken(token, 'web') : null;
    if (!token || !user) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in to continue');
    const csrfToken = csrfTokenFor(token);
    if (!SAFE_METHODS.has(request.method)) {
      const posted = postedCsrfToken(request);
      const deferred =
        posted === undefined &&
        typeof request.is('multipart/form-data') === 'string' &&
        this.reflector.getAllAndOverride<boolean>(CSRF_AFTER_MULTIPART, targets) === true;
      if (deferred) expectCsrfAfterParse(request, csrfToken);
      else if (!sameToken(csrfToken, posted)) throw csrfRefused();
    }
    response.locals.user = user;
    response.locals.csrfToken = csrfToken;
    // Each page's creating forms carry a fresh one-time token: a second post of one form creates nothing.
    response.locals.formToken = newFormToken();
    return user;
  }
}
