import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Page } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import {
  NewUserDto,
  OrgService,
  Role,
  Roles,
  TeamsService,
  UserAdminService,
  UserQueryDto,
} from '../../org/index.js';
import {
  fieldError,
  formErrorsFrom,
  type FormErrors,
  mergeFormErrors,
  pagingLinks,
  redirectAfterPost,
  renderPage,
  validateInput,
} from '../../web/index.js';
import { ROLE_LABELS, roleOptions, selectItems, statusOf, text, peopleFieldMap } from '../people-forms.js';
import { placeOptions } from './user-place-options.js';
import { CreatesOnce } from '../../idempotency/index.js';

const FIELDS = ['username', 'displayName', 'role', 'team', 'locality', 'workerKey', 'password'];
const fieldMap = peopleFieldMap(FIELDS);

interface AddUserForm {
  username: string;
  displayName: string;
  role: string;
  team: string;
  locality: string;
  workerKey: string;
  passwordChoice: string;
  password: string;
}

const NOTICES: Record<string, string> = {
  added: 'The user has been added.',
  reset: 'The password has been changed. Their sessions have ended.',
  deactivated: 'The user has been deactivated. They have been signed out and cannot sign in.',
  reactivated: 'The user has been reactivated. They can sign in again.',
  changed: 'The user’s details have been changed.',
  'changed-access':
    'The user’s details have been changed. Their access changed, so they have been signed out.',
};

/** The administrator's people: the list, one person, adding a person. */
@ApiExcludeController()
@Page()
@Controller('admin/users')
export class UsersPageController {
  constructor(
    private readonly users: UserAdminService,
    private readonly org: OrgService,
    private readonly teams: TeamsService,
  ) {}

  @Get()
  @Roles(Role.Administrator)
  async list(@Query() raw: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const query = await validateInput(UserQueryDto, raw);
    const active = query.status === undefined ? undefined : query.status === 'active';
    const [page, teams] = await Promise.all([
      this.users.list(
        { role: query.role, teamId: query.team, q: query.q, active },
        { page: query.page ?? 1, pageSize: query.pageSize ?? 25 },
      ),
      this.teamOptions(),
    ]);
    const filters = {
      role: query.role,
      team: query.team ? String(query.team) : undefined,
      q: query.q?.trim() || undefined,
      status: query.status,
    };
    renderPage(response, 'people/views/users.njk', {
      pageTitle: 'Users',
      page,
      filters,
      filtered: Object.values(filters).some((v) => v !== undefined),
      roleLabels: ROLE_LABELS,
      roleItems: selectItems(roleOptions(), filters.role, 'Any role'),
      teamItems: selectItems(
        teams.map((t) => ({ value: String(t.id), text: t.name })),
        filters.team,
        'Any team',
      ),
      statusItems: selectItems(
        [
          { value: 'active', text: 'Active' },
          { value: 'deactivated', text: 'Deactivated' },
        ],
        filters.status,
        'Any status',
      ),
      pagination: pagingLinks(page, '/admin/users', filters),
    });
  }

  @Get('new')
  @Roles(Role.Administrator)
  async addForm(@Res() response: Response): Promise<void> {
    await this.showAddForm(response, { passwordChoice: 'generate' }, null, 200);
  }

  @Post('new')
  @CreatesOnce()
  @Roles(Role.Administrator)
  async add(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const form: AddUserForm = {
      username: text(body.username).trim(),
      displayName: text(body.displayName).trim(),
      role: text(body.role),
      team: text(body.team),
      locality: text(body.locality),
      workerKey: text(body.workerKey).trim(),
      passwordChoice: text(body.passwordChoice),
      password: text(body.password),
    };
    const setPassword = form.passwordChoice === 'set';
    const blank = mergeFormErrors(
      form.displayName ? null : fieldError('displayName', 'Enter the person’s name'),
      form.username ? null : fieldError('username', 'Enter a username'),
      form.role ? null : fieldError('role', 'Select a role'),
      ['generate', 'set'].includes(form.passwordChoice)
        ? null
        : fieldError('passwordChoice', 'Select how to give them a password'),
      setPassword && !form.password ? fieldError('password', 'Enter a password') : null,
    );
    if (blank) return this.showAddForm(response, form, blank, 422);
    try {
      const input = await validateInput(NewUserDto, {
        username: form.username,
        displayName: form.displayName,
        role: form.role,
        team: form.team || undefined,
        locality: form.locality || undefined,
        workerKey: form.workerKey || undefined,
        password: setPassword ? form.password : undefined,
      });
      const created = await this.org.createUser(input);
      if (created.generatedPassword) {
        // The one page that answers a POST itself: a made-up password must not travel in an
        // address or be kept anywhere to show after a redirect. Pages are never cached.
        return renderPage(response, 'people/views/password-shown.njk', {
          pageTitle: 'User added',
          heading: 'User added',
          person: { id: created.id, displayName: created.displayName, username: created.username },
          password: created.generatedPassword,
        });
      }
      redirectAfterPost(response, `/admin/users/${created.id}?done=added`);
    } catch (error) {
      const errors = formErrorsFrom(error, fieldMap, 'username');
      await this.showAddForm(response, form, errors, statusOf(error));
    }
  }

  @Get(':id')
  @Roles(Role.Administrator)
  async show(
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const user = await this.users.get(id);
    renderPage(response, 'people/views/user.njk', {
      pageTitle: user.displayName,
      person: user,
      roleLabel: ROLE_LABELS[user.role],
      notice: done ? NOTICES[done] : undefined,
    });
  }

  private async teamOptions() {
    return (await this.teams.teams({ page: 1, pageSize: 500 })).items;
  }

  private async showAddForm(
    response: Response,
    form: Partial<AddUserForm>,
    errors: FormErrors | null,
    status: number,
  ): Promise<void> {
    renderPage(
      response,
      'people/views/add-user.njk',
      { pageTitle: 'Add a user', errors, form, options: await placeOptions(this.teams, form) },
      status,
    );
  }
}
