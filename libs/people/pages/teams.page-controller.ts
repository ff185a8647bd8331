import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Page } from '../../auth/index.js';
import { DomainError, pageRequest, ParseIdPipe } from '../../common/index.js';
import {
  ChangeTeamDto,
  NewLocalityDto,
  NewTeamDto,
  OrgService,
  Role,
  Roles,
  TeamsService,
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
import { selectItems, statusOf, text } from '../people-forms.js';
import { CreatesOnce } from '../../idempotency/index.js';

const fieldMap = { idFor: (f: string) => (['name', 'locality', 'cohort'].includes(f) ? f : undefined) };
const ALL = { page: 1, pageSize: 500 };

interface TeamForm {
  name: string;
  locality: string;
  cohort: string;
}

const NOTICES: Record<string, string> = {
  locality: 'The locality has been saved.',
  team: 'The team has been saved.',
};

/** Localities and teams: the lists, adding and renaming. */
@ApiExcludeController()
@Page()
@Controller('admin/teams')
export class TeamsPageController {
  constructor(
    private readonly teams: TeamsService,
    private readonly org: OrgService,
  ) {}

  @Get()
  @Roles(Role.Administrator)
  async list(@Query('done') done: string | undefined, @Res() response: Response): Promise<void> {
    const [localities, teams] = await Promise.all([this.teams.localities(ALL), this.teams.teams(ALL)]);
    renderPage(response, 'people/views/teams.njk', {
      pageTitle: 'Teams and localities',
      localities,
      teams,
      notice: done ? NOTICES[done] : undefined,
    });
  }

  @Get('localities/new')
  @Roles(Role.Administrator)
  localityForm(@Res() response: Response): void {
    this.showLocality(response, { name: '' }, null, 200);
  }

  @Post('localities/new')
  @CreatesOnce()
  @Roles(Role.Administrator)
  async addLocality(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const name = text(body.name).trim();
    if (!name)
      return this.showLocality(response, { name }, fieldError('name', 'Enter the locality’s name'), 422);
    try {
      await this.teams.addLocality((await validateInput(NewLocalityDto, { name })).name);
      redirectAfterPost(response, '/admin/teams?done=locality');
    } catch (error) {
      this.showLocality(response, { name }, formErrorsFrom(error, fieldMap, 'name'), statusOf(error));
    }
  }

  @Get('localities/:id/rename')
  @Roles(Role.Administrator)
  async renameLocalityForm(@Param('id', ParseIdPipe) id: number, @Res() response: Response): Promise<void> {
    const locality = await this.locality(id);
    this.showLocality(response, { id, name: locality.name, current: locality.name }, null, 200);
  }

  @Post('localities/:id/rename')
  @Roles(Role.Administrator)
  async renameLocality(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const current = (await this.locality(id)).name;
    const name = text(body.name).trim();
    const model = { id, name, current };
    if (!name)
      return this.showLocality(response, model, fieldError('name', 'Enter the locality’s name'), 422);
    try {
      await this.teams.renameLocality(id, (await validateInput(NewLocalityDto, { name })).name);
      redirectAfterPost(response, '/admin/teams?done=locality');
    } catch (error) {
      this.showLocality(response, model, formErrorsFrom(error, fieldMap, 'name'), statusOf(error));
    }
  }

  @Get('new')
  @Roles(Role.Administrator)
  async teamForm(@Res() response: Response): Promise<void> {
    await this.showTeam(response, null, { name: '', locality: '', cohort: '' }, null, 200);
  }

  @Post('new')
  @CreatesOnce()
  @Roles(Role.Administrator)
  async addTeam(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const form = teamForm(body);
    const blank = blankTeam(form);
    if (blank) return this.showTeam(response, null, form, blank, 422);
    try {
      const input = await validateInput(NewTeamDto, { ...form, cohort: form.cohort || null });
      await this.teams.addTeam(input);
      redirectAfterPost(response, '/admin/teams?done=team');
    } catch (error) {
      await this.showTeam(response, null, form, formErrorsFrom(error, fieldMap, 'name'), statusOf(error));
    }
  }

  @Get(':id/edit')
  @Roles(Role.Administrator)
  async editTeamForm(@Param('id', ParseIdPipe) id: number, @Res() response: Response): Promise<void> {
    const team = await this.team(id);
    const form = { name: team.name, locality: team.localityName ?? '', cohort: team.cohortCode ?? '' };
    await this.showTeam(response, team, form, null, 200);
  }

  @Post(':id/edit')
  @Roles(Role.Administrator)
  async editTeam(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const team = await this.team(id);
    const form = teamForm(body);
    const blank = blankTeam(form);
    if (blank) return this.showTeam(response, team, form, blank, 422);
    try {
      const input = await validateInput(ChangeTeamDto, { ...form, cohort: form.cohort || null });
      await this.teams.changeTeam(id, input);
      redirectAfterPost(response, '/admin/teams?done=team');
    } catch (error) {
      await this.showTeam(response, team, form, formErrorsFrom(error, fieldMap, 'name'), statusOf(error));
    }
  }

  private async locality(id: number) {
    const locality = (await this.teams.localities(ALL)).items.find((l) => l.id === id);
    if (!locality) throw DomainError.notFound('locality', id);
    return locality;
  }

  private async team(id: number) {
    const team = (await this.teams.teams(ALL)).items.find((t) => t.id === id);
    if (!team) throw DomainError.notFound('team', id);
    return team;
  }

  private showLocality(
    response: Response,
    model: { id?: number; name: string; current?: string },
    errors: FormErrors | null,
    status: number,
  ): void {
    const pageTitle = model.current ? `Rename ${model.current}` : 'Add a locality';
    renderPage(response, 'people/views/locality-form.njk', { pageTitle, ...model, errors }, status);
  }

  private async showTeam(
    response: Response,
    team: { id: number; name: string } | null,
    form: TeamForm,
    errors: FormErrors | null,
    status: number,
  ): Promise<void> {
    const [localities, cohorts] = await Promise.all([
      this.teams.localities(ALL),
      this.org.cohorts(pageRequest({ pageSize: 500 })),
    ]);
    renderPage(
      response,
      'people/views/team-form.njk',
      {
        pageTitle: team ? `Change ${team.name}` : 'Add a team',
        team,
        form,
        errors,
        localityItems: selectItems(
          localities.items.map((l) => ({ value: l.name, text: l.name })),
          form.locality,
          'Choose a locality',
        ),
        cohortItems: selectItems(
          cohorts.items.map((c) => ({ value: c.code, text: `${c.title} (${c.code})` })),
          form.cohort,
          'Any cohort',
        ),
      },
      status,
    );
  }
}

function teamForm(body: Record<string, unknown>): TeamForm {
  return { name: text(body.name).trim(), locality: text(body.locality), cohort: text(body.cohort) };
}

function blankTeam(form: TeamForm): FormErrors | null {
  return mergeFormErrors(
    form.name ? null : fieldError('name', 'Enter the team’s name'),
    form.locality ? null : fieldError('locality', 'Select the team’s locality'),
  );
}
