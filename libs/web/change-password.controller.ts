import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AllowedBeforePasswordChange,
  AuthService,
  CurrentUser,
  Page,
  SESSION_COOKIE,
  sessionCookieOptions,
  type AuthenticatedUser,
} from '../auth/index.js';
import { DomainError, ErrorCode } from '../common/index.js';
import { ALL_ROLES, Roles } from '../org/index.js';
import { fieldError, type FormErrors, formErrorsFrom, mergeFormErrors } from './form-errors.js';
import { startPageFor } from './navigation.js';
import { redirectAfterPost, renderPage } from './render.js';

const SESSION_MS = 8 * 3600_000;
const VIEW = 'web/views/change-password.njk';

interface ChangePasswordForm {
  currentPassword?: unknown;
  newPassword?: unknown;
  confirmPassword?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * "Choose a new password": where a person whose password an administrator set is sent before
 * any other page, and where anyone may change their own. Passwords are never shown back.
 */
@ApiExcludeController()
@Page()
@AllowedBeforePasswordChange()
@Roles(...ALL_ROLES)
@Controller('account/password')
export class ChangePasswordController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  show(@CurrentUser() user: AuthenticatedUser, @Res() response: Response): void {
    this.showForm(response, user, null, 200);
  }

  @Post()
  async change(
    @CurrentUser() user: AuthenticatedUser,
    @Body() form: ChangePasswordForm,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const current = text(form.currentPassword);
    const next = text(form.newPassword);
    const missing = mergeFormErrors(
      current ? null : fieldError('currentPassword', 'Enter your current password'),
      next ? null : fieldError('newPassword', 'Enter a new password'),
      !next || next === text(form.confirmPassword)
        ? null
        : fieldError('confirmPassword', 'Enter the same new password twice'),
    );
    if (missing) return this.showForm(response, user, missing, 422);
    try {
      const session = await this.auth.changePassword(
        user.username,
        current,
        next,
        request.ip ?? 'unknown',
        'web',
      );
      // Every session of theirs ended with the change: this browser gets a new one.
      response.cookie(SESSION_COOKIE, session.token, {
        ...sessionCookieOptions(request),
        maxAge: SESSION_MS,
      });
      redirectAfterPost(response, startPageFor(session.user));
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.Unauthenticated) {
        const wrong = fieldError('currentPassword', 'Your current password is not right');
        return this.showForm(response, user, wrong, 401);
      }
      if (error instanceof DomainError && error.code === ErrorCode.TooManyRequests) {
        const seconds = Number(error.details.retryAfterSeconds ?? 60);
        response.setHeader('Retry-After', String(seconds));
        const minutes = Math.max(1, Math.ceil(seconds / 60));
        const wait = `Too many wrong passwords. Wait ${minutes} minute${minutes === 1 ? '' : 's'}, then try again`;
        return this.showForm(response, user, fieldError('currentPassword', wait), 429);
      }
      const refused = formErrorsFrom(
        error,
        {
          idFor: () => 'newPassword',
          // The API names its field; the page says it in words ("newPassword is…" read as code).
          messageFor: (_field, message) => message.replace(/^(newPassword|password)\b/, 'Your new password'),
        },
        'newPassword',
      );
      return this.showForm(response, user, refused, 422);
    }
  }

  private showForm(
    response: Response,
    user: AuthenticatedUser,
    errors: FormErrors | null,
    status: number,
  ): void {
    renderPage(
      response,
      VIEW,
      { pageTitle: 'Choose a new password', errors, required: user.mustChangePassword },
      status,
    );
  }
}
