import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AllowedBeforePasswordChange,
  AuthService,
  cookie,
  CurrentUser,
  newSignInCsrfToken,
  Page,
  Public,
  SESSION_COOKIE,
  sessionCookieOptions,
  signInCsrfCookieName,
  type AuthenticatedUser,
  validSignInCsrf,
} from '../auth/index.js';
import { DomainError, ErrorCode } from '../common/index.js';
import { ALL_ROLES, Roles } from '../org/index.js';
import { fieldError, type FormErrors, mergeFormErrors } from './form-errors.js';
import { startPageFor } from './navigation.js';
import { safeReturnTo } from './page-errors.js';
import { redirectAfterPost, renderPage } from './render.js';

const SESSION_MS = 8 * 3600_000;

interface SignInForm {
  username?: unknown;
  password?: unknown;
  returnTo?: unknown;
  _csrf?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Signing in and out of the web pages, and the start page each role lands on. */
@ApiExcludeController()
@Page()
@Controller()
export class SignInController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Get('login')
  async signInPage(
    @Req() request: Request,
    @Res() response: Response,
    @Query('returnTo') returnTo?: string,
    @Query('signedOut') signedOut?: string,
  ): Promise<void> {
    const token = cookie(request, SESSION_COOKIE);
    const user = token ? await this.auth.userForToken(token, 'web') : null;
    if (user)
      return response.redirect(
        303,
        safeReturnTo(returnTo) === '/' ? startPageFor(user) : safeReturnTo(returnTo),
      );
    const notice = signedOut === '1' ? 'You have signed out.' : undefined;
    this.showForm(request, response, { returnTo: safeReturnTo(returnTo), notice }, null, 200);
  }

  @Public()
  @Post('login')
  async signIn(@Body() form: SignInForm, @Req() request: Request, @Res() response: Response): Promise<void> {
    const returnTo = safeReturnTo(form.returnTo);
    const username = text(form.username).trim();
    if (!validSignInCsrf(cookie(request, signInCsrfCookieName(request)), form._csrf)) {
      throw new DomainError(ErrorCode.Forbidden, 'The sign-in form had expired: go back and sign in again', {
        csrf: true,
      });
    }
    const missing = mergeFormErrors(
      username ? null : fieldError('username', 'Enter your username'),
      text(form.password) ? null : fieldError('password', 'Enter your password'),
    );
    if (missing) return this.showForm(request, response, { returnTo, username }, missing, 422);
    try {
      const session = await this.auth.login(username, text(form.password), request.ip ?? 'unknown', 'web');
      response.clearCookie(signInCsrfCookieName(request), sessionCookieOptions(request));
      response.cookie(SESSION_COOKIE, session.token, {
        ...sessionCookieOptions(request),
        maxAge: SESSION_MS,
      });
      redirectAfterPost(response, returnTo === '/' ? startPageFor(session.user) : returnTo);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === ErrorCode.TooManyRequests) {
        const seconds = Number(error.details.retryAfterSeconds ?? 60);
        response.setHeader('Retry-After', String(seconds));
        const minutes = Math.max(1, Math.ceil(seconds / 60));
        const wait = `Too many failed attempts. Wait ${minutes} minute${minutes === 1 ? '' : 's'}, then try again`;
        return this.showForm(request, response, { returnTo, username }, fieldError('username', wait), 429);
      }
      if (error.code !== ErrorCode.Unauthenticated) throw error;
      const wrong = fieldError('username', 'Enter a correct username and password');
      return this.showForm(request, response, { returnTo, username }, wrong, 401);
    }
  }

  @Roles(...ALL_ROLES)
  @AllowedBeforePasswordChange()
  @Post('logout')
  async signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    const token = cookie(request, SESSION_COOKIE);
    if (token) await this.auth.logout(token);
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
    redirectAfterPost(response, '/login?signedOut=1');
  }

  @Roles(...ALL_ROLES)
  @Get()
  startPage(@CurrentUser() user: AuthenticatedUser, @Res() response: Response): void {
    response.redirect(302, startPageFor(user));
  }

  /** Each showing of the form gets a fresh double-submit token: a signed-out form has no session to use. */
  private showForm(
    request: Request,
    response: Response,
    fields: { returnTo: string; username?: string; notice?: string },
    errors: FormErrors | null,
    status: number,
  ): void {
    const csrfToken = newSignInCsrfToken();
    response.cookie(signInCsrfCookieName(request), csrfToken, {
      ...sessionCookieOptions(request),
      maxAge: 3600_000,
    });
    renderPage(
      response,
      'web/views/sign-in.njk',
      { pageTitle: 'Sign in', errors, csrfToken, ...fields },
      status,
    );
  }
}
