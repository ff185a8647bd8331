import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '../auth/index.js';
import { ParseIdPipe } from '../common/index.js';
import { ALL_ROLES, Role, Roles } from '../org/index.js';
import {
  ActionDoneDto,
  ActionDueDateDto,
  ActionProgressDto,
  ActionReasonDto,
  ActionReassignDto,
  ActionVersionDto,
} from './actions.dto.js';
import { ActionsService } from './actions.service.js';

/** Who verifies, sends back and chases: advanced practitioners and managers (never the owner). */
const VERIFIERS = [
  Role.AdvancedPractitioner,
  Role.TeamManager,
  Role.HeadOfService,
  Role.Director,
  Role.Administrator,
];
/** Who cancels, reassigns and moves due dates: the managers of the action's team. */
const MANAGERS = [Role.TeamManager, Role.HeadOfService, Role.Director, Role.Administrator];

const STEP = 'Returns { id, state, version }';

@ApiTags('actions')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such action, or not one the caller may read' })
@ApiConflictResponse({ description: 'Stale version, or the step is not allowed in the action’s state' })
@Controller('api/v1/actions')
export class ActionsController {
  constructor(private readonly actions: ActionsService) {}

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ description: 'The action, what its machine holds, and its history oldest first' })
  show(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthenticatedUser) {
    return this.actions.show(id, user);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ description: STEP })
  @ApiForbiddenResponse({ description: 'Only the owner starts it' })
  start(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ActionVersionDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.actions.start(id, body.version, user);
  }

  @Post(':id/progress')
  @HttpCode(200)
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ description: STEP })
  @ApiForbiddenResponse({ description: 'Only the owner records progress' })
  @ApiUnprocessableEntityResponse({ description: 'note is missing or blank' })
  progress(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ActionProgressDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.actions.recordProgress(id, body.note, body.version, user);
  }

  @Post(':id/done')
  @HttpCode(200)
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ description: STEP })
  @ApiForbiddenResponse({ description: 'Only the owner marks it done' })
  @ApiUnprocessableEntityResponse({ description: 'whatWasDone or evidence is missing or blank' })
  done(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ActionDoneDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    const { version, whatWasDone, evidence } = body;
    return this.actions.markDone(id, { whatWasDone, evidence }, version, user);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles(...VERIFIERS)
  @ApiOkResponse({ description: `${STEP}: verified, then closed by the system` })
  @ApiForbiddenResponse({ description: 'The owner, or someone who neither verifies nor manages it' })
  verify(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ActionVersionDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.actions.verify(id, body.version, user);
  }

  @Post(':id/send-back')
  @HttpCode(200)
  @Roles(...VERIFIERS)
  @ApiOkResponse({ description: STEP })
  @ApiForbiddenResponse({ description: 'The owner, or someone who neither verifies nor manages it' })
  @ApiUnprocessableEntityResponse({ description: 'reason is missing or blank' })
  sendBack(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ActionReasonDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.actions.sendBack(id, body.reason, body.version, user);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ description: STEP })
  @ApiForbiddenResponse({ description: 'Not a manager of the action’s team' })
  @ApiUnprocessableEntityResponse({ description: 'reason is missing or blank' })
  cancel(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ActionReasonDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.actions.cancel(id, body.reason, body.version, user);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ description: STEP })
  @ApiForbiddenResponse({ description: 'Not a manager of the action’s team' })
  @ApiUnprocessableEntityResponse({ description: 'ownerId is not an active user in the case’s locality' })
  reassign(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ActionReassignDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.actions.reassign(id, body.ownerId, body.version, user);
  }

  @Post(':id/due-date')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ description: STEP })
  @ApiForbiddenResponse({ description: 'Not a manager of the action’s team' })
  @ApiUnprocessableEntityResponse({ description: 'dueOn past or more than a year ahead, or reason blank' })
  moveDueDate(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ActionDueDateDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    const { version, dueOn, reason } = body;
    return this.actions.moveDueDate(id, { dueOn, reason }, version, user);
  }

  @Post(':id/chase')
  @HttpCode(200)
  @Roles(...VERIFIERS)
  @ApiOkResponse({ description: `${STEP}; the owner is notified (ids and a link only)` })
  @ApiForbiddenResponse({ description: 'Neither an advanced practitioner nor a manager of it' })
  chase(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ActionVersionDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.actions.chase(id, body.version, user);
  }
}
