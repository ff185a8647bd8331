import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, pageRequest, ParseIdPipe } from '../common/index.js';
import { CallerId } from './caller-id.decorator.js';
import { ALL_ROLES, Role } from './role.js';
import { Roles } from './roles.decorator.js';
import { TeamsService } from './teams.service.js';
import { UserAdminService } from './user-admin.service.js';
import {
  ChangeTeamDto,
  ChangeUserDto,
  NewLocalityDto,
  NewTeamDto,
  ResetPasswordDto,
  UserQueryDto,
} from './user-admin.dto.js';
import { IdempotentCreate } from '../idempotency/index.js';

/** Users, teams and localities as the administrator manages them. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/org')
export class PeopleController {
  constructor(
    private readonly users: UserAdminService,
    private readonly teamsService: TeamsService,
  ) {}

  @Get('users')
  @Roles(Role.Administrator)
  listUsers(@Query() query: UserQueryDto) {
    const active = query.status === undefined ? undefined : query.status === 'active';
    return this.users.list({ role: query.role, teamId: query.team, q: query.q, active }, pageRequest(query));
  }

  @Get('users/:id')
  @Roles(Role.Administrator)
  @ApiNotFoundResponse()
  user(@Param('id', ParseIdPipe) id: number) {
    return this.users.get(id);
  }

  @Patch('users/:id')
  @Roles(Role.Administrator)
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The caller tried to change their own role' })
  async changeUser(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ChangeUserDto,
    @CallerId() caller: number | null,
  ) {
    const { user, accessChanged } = await this.users.change(id, body, caller);
    return { ...user, sessionsEnded: accessChanged };
  }

  @Post('users/:id/deactivate')
  @HttpCode(200)
  @Roles(Role.Administrator)
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The caller tried to deactivate themselves' })
  deactivate(@Param('id', ParseIdPipe) id: number, @CallerId() caller: number | null) {
    return this.users.setActive(id, false, caller);
  }

  @Post('users/:id/reactivate')
  @HttpCode(200)
  @Roles(Role.Administrator)
  @ApiNotFoundResponse()
  reactivate(@Param('id', ParseIdPipe) id: number, @CallerId() caller: number | null) {
    return this.users.setActive(id, true, caller);
  }

  @Post('users/:id/reset-password')
  @HttpCode(200)
  @Roles(Role.Administrator)
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The caller tried to reset their own password' })
  resetPassword(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ResetPasswordDto,
    @CallerId() caller: number | null,
  ) {
    return this.users.resetPassword(id, body.password, caller);
  }

  @Get('localities')
  @Roles(...ALL_ROLES)
  localities(@Query() query: PageQueryDto) {
    return this.teamsService.localities(pageRequest(query));
  }

  @Post('localities')
  @IdempotentCreate()
  @Roles(Role.Administrator)
  @ApiConflictResponse({ description: 'A locality has that name' })
  addLocality(@Body() body: NewLocalityDto) {
    return this.teamsService.addLocality(body.name);
  }

  @Patch('localities/:id')
  @Roles(Role.Administrator)
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'A locality has that name' })
  renameLocality(@Param('id', ParseIdPipe) id: number, @Body() body: NewLocalityDto) {
    return this.teamsService.renameLocality(id, body.name);
  }

  @Get('teams')
  @Roles(...ALL_ROLES)
  teams(@Query() query: PageQueryDto) {
    return this.teamsService.teams(pageRequest(query));
  }

  @Post('teams')
  @IdempotentCreate()
  @Roles(Role.Administrator)
  @ApiConflictResponse({ description: 'A team has that name' })
  addTeam(@Body() body: NewTeamDto) {
    return this.teamsService.addTeam(body);
  }

  @Patch('teams/:id')
  @Roles(Role.Administrator)
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'A team has that name' })
  changeTeam(@Param('id', ParseIdPipe) id: number, @Body() body: ChangeTeamDto) {
    return this.teamsService.changeTeam(id, body);
  }
}
