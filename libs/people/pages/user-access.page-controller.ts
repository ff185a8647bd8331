import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { type AuthenticatedUser, CurrentUser, Page } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import { ResetPasswordDto, Role, Roles, UserAdminService, type UserListItem } from '../../org/index.js';
import {
  fieldError,
  formErrorsFrom,
  type FormErrors,
  redirectAfterPost,
  renderPage,
  validateInput,
} from '../../web/index.js';
import { statusOf, text } from '../people-forms.js';

const fieldMap = { idFor: (field: string) => (field === 'password' ? 'password' : undefined) };

/** Taking a person's access away or giving it back: password resets, deactivation. */
@ApiExcludeController()
@Page()
@Controller('admin/users/:id')
export class UserAccessPageController {
  constructor(private readonly users: UserAdminService) {}

  @Get('reset-password')
  @Roles(Role.Administrator)
  async resetForm(@Param('id', ParseIdPipe) id: number, @Res() response: Response): Promise<void> {
    this.showReset(response, await this.users.get(id), 'generate', null, 200);
  }

  @Post('reset-password')
  @Roles(Role.Administrator)
  async reset(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
    @CurrentUser() caller: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const user = await this.users.get(id);
    const choice = text(body.passwordChoice);
    const password = text(body.password);
    if (choice !== 'generate' && choice !== 'set') {
      const errors = fieldError('passwordChoice', 'Select how to give them a new password');
      return this.showReset(response, user, choice, errors, 422);
    }
    if (choice === 'set' && !password) {
      return this.showReset(response, user, choice, fieldError('password', 'Enter the new password'), 422);
    }
    try {
      const input = await validateInput(ResetPasswordDto, choice === 'set' ? { password } : {});
      const outcome = await this.users.resetPassword(id, input.password, caller.id);
      if (!outcome.generatedPassword) return redirectAfterPost(response, `/admin/users/${id}?done=reset`);
      // Shown once, in answer to the POST: a password never goes in an address (see users page).
      renderPage(response, 'people/views/password-shown.njk', {
        pageTitle: 'Password reset',
        heading: 'Password reset',
        person: user,
        password: outcome.generatedPassword,
        reset: true,
      });
    } catch (error) {
      const errors = formErrorsFrom(error, fieldMap, 'passwordChoice');
      this.showReset(response, user, choice, errors, statusOf(error));
    }
  }

  @Get('deactivate')
  @Roles(Role.Administrator)
  async deactivateForm(@Param('id', ParseIdPipe) id: number, @Res() response: Response): Promise<void> {
    this.showDeactivate(response, await this.users.get(id), null, 200);
  }

  @Post('deactivate')
  @Roles(Role.Administrator)
  async deactivate(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() caller: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    try {
      await this.users.setActive(id, false, caller.id);
      redirectAfterPost(response, `/admin/users/${id}?done=deactivated`);
    } catch (error) {
      const errors = formErrorsFrom(error, { idFor: () => undefined }, 'confirm');
      this.showDeactivate(response, await this.users.get(id), errors, statusOf(error));
    }
  }

  @Post('reactivate')
  @Roles(Role.Administrator)
  async reactivate(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() caller: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    await this.users.setActive(id, true, caller.id);
    redirectAfterPost(response, `/admin/users/${id}?done=reactivated`);
  }

  private showReset(
    response: Response,
    user: UserListItem,
    choice: string,
    errors: FormErrors | null,
    status: number,
  ): void {
    renderPage(
      response,
      'people/views/reset-password.njk',
      { pageTitle: `Reset the password of ${user.displayName}`, person: user, choice, errors },
      status,
    );
  }

  private showDeactivate(response: Response, user: UserListItem, errors: FormErrors | null, status: number) {
    renderPage(
      response,
      'people/views/deactivate-user.njk',
      { pageTitle: `Deactivate ${user.displayName}`, person: user, errors },
      status,
    );
  }
}
