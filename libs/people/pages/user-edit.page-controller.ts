import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { type AuthenticatedUser, CurrentUser, Page } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import {
  ChangeUserDto,
  Role,
  Roles,
  TeamsService,
  UserAdminService,
  type UserListItem,
} from '../../org/index.js';
import {
  fieldError,
  formErrorsFrom,
  type FormErrors,
  mergeFormErrors,
  redirectAfterPost,
  renderPage,
  validateInput,
} from '../../web/index.js';
import { statusOf, text, peopleFieldMap } from '../people-forms.js';
import { placeOptions } from './user-place-options.js';

const FIELDS = ['displayName', 'role', 'team', 'locality', 'workerKey', 'email'];
const fieldMap = peopleFieldMap(FIELDS);

interface ChangeUserForm {
  displayName: string;
  role: string;
  team: string;
  locality: string;
  workerKey: string;
  email: string;
}

/**
 * Changing a person's name, role, team, locality, register worker key or e-mail address; a
 * change of access signs them out.
 */
@ApiExcludeController()
@Page()
@Controller('admin/users/:id/edit')
export class UserEditPageController {
  constructor(
    private readonly users: UserAdminService,
    private readonly teams: TeamsService,
  ) {}

  @Get()
  @Roles(Role.Administrator)
  async form(@Param('id', ParseIdPipe) id: number, @Res() response: Response): Promise<void> {
    const user = await this.users.get(id);
    await this.show(response, user, await this.formOf(user), null, 200);
  }

  @Post()
  @Roles(Role.Administrator)
  async change(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
    @CurrentUser() caller: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const user = await this.users.get(id);
    const form: ChangeUserForm = {
      displayName: text(body.displayName).trim(),
      role: text(body.role),
      team: text(body.team),
      locality: text(body.locality),
      workerKey: text(body.workerKey).trim(),
      email: text(body.email).trim(),
    };
    const blank = mergeFormErrors(
      form.displayName ? null : fieldError('displayName', 'Enter the person’s name'),
      form.role ? null : fieldError('role', 'Select a role'),
    );
    if (blank) return this.show(response, user, form, blank, 422);
    try {
      const input = await validateInput(ChangeUserDto, {
        displayName: form.displayName,
        role: form.role,
        team: form.team || null,
        locality: form.locality || null,
        // Blank unlinks: the person holds no register worker's cases.
        workerKey: form.workerKey || null,
        // Blank: no e-mail, their notifications are read in the app only.
        email: form.email || null,
      });
      const { accessChanged } = await this.users.change(id, input, caller.id);
      redirectAfterPost(response, `/admin/users/${id}?done=${accessChanged ? 'changed-access' : 'changed'}`);
    } catch (error) {
      await this.show(response, user, form, formErrorsFrom(error, fieldMap, 'role'), statusOf(error));
    }
  }

  /** The person as they are; a locality that is only their team's shows as "the team's". */
  private async formOf(user: UserListItem): Promise<ChangeUserForm> {
    const teams = await this.teams.teams({ page: 1, pageSize: 500 });
    const team = teams.items.find((t) => t.id === user.teamId);
    const ownLocality = user.localityId !== null && user.localityId !== team?.localityId;
    return {
      displayName: user.displayName,
      role: user.role,
      team: user.teamName ?? '',
      locality: ownLocality ? (user.localityName ?? '') : '',
      workerKey: user.workerKey ?? '',
      email: user.email ?? '',
    };
  }

  private async show(
    response: Response,
    user: UserListItem,
    form: ChangeUserForm,
    errors: FormErrors | null,
    status: number,
  ): Promise<void> {
    renderPage(
      response,
      'people/views/edit-user.njk',
      {
        pageTitle: `Change the details of ${user.displayName}`,
        // Not `user`: the layout's `user` is whoever is signed in.
        person: user,
        form,
        errors,
        options: await placeOptions(this.teams, form),
      },
      status,
    );
  }
}
