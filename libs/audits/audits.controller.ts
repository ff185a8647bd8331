import { ParseIdPipe } from '../common/index.js';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { PageQueryDto, pageRequest } from '../common/index.js';
import { ALL_ROLES, AUDITOR_ROLES, Role, TIER3_ROLES, Roles } from '../org/index.js';
import {
  AcknowledgeDto,
  DiscussionDto,
  DraftDto,
  EscalationDto,
  EscalationsQueryDto,
  FamilyFeedbackDto,
  ModerationDto,
  OversightQueryDto,
  VersionDto,
} from './audits.dto.js';
import { AuditViewService } from './audit-view.service.js';
import { AuditsService } from './audits.service.js';
import { EscalationsService } from './escalations.service.js';
import { ModerationService } from './moderation.service.js';
import { OversightService } from './oversight.service.js';
import { IdempotentCreate } from '../idempotency/index.js';

const AUDITORS = [...AUDITOR_ROLES, ...TIER3_ROLES];

@ApiTags('audits')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'No such audit, or not one the caller has any part in' })
@Controller('api/v1')
export class AuditsController {
  constructor(
    private readonly audits: AuditsService,
    private readonly views: AuditViewService,
    private readonly escalations: EscalationsService,
    private readonly moderation: ModerationService,
    private readonly oversight: OversightService,
  ) {}

  @Get('audits')
  @Roles(Role.HeadOfService, Role.Director, Role.Administrator)
  @ApiOkResponse({
    description:
      '{ items, page, pageSize, total }: audits of the caller’s locality (a head of service) or of all localities, newest first',
  })
  listAudits(@Query() query: OversightQueryDto, @CurrentUser() user: AuthenticatedUser) {
    const { page, pageSize, ...filter } = query;
    return this.oversight.list(user, filter, pageRequest({ page, pageSize }));
  }

  @Get('audits/:id')
  @Roles(...ALL_ROLES)
  show(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthenticatedUser) {
    return this.views.show(id, user);
  }

  @Get('audits/:id/access')
  @Roles(Role.Administrator, Role.Director)
  accessLog(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.views.accessLog(id, pageRequest(query), user);
  }

  @Get('my/case-audits')
  @Roles(Role.SocialWorker)
  @ApiOkResponse({
    description: '{ items, page, pageSize, total }: submitted audits of the caller’s own cases',
  })
  myCaseAudits(@Query() query: PageQueryDto, @CurrentUser() user: AuthenticatedUser) {
    return this.views.forCaseWorker(user, pageRequest(query));
  }

  @Post('audits/:id/start')
  @HttpCode(200)
  @Roles(...AUDITORS)
  @ApiConflictResponse({ description: 'The audit is not waiting to start' })
  start(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthenticatedUser) {
    return this.audits.start(id, user);
  }

  @Put('audits/:id/draft')
  @Roles(...AUDITORS)
  @ApiConflictResponse({ description: 'Stale version, or the audit is not in progress' })
  @ApiUnprocessableEntityResponse({ description: 'A key the tool does not have, or a grade off the scale' })
  saveDraft(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: DraftDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    const { version, ...draft } = body;
    return this.audits.saveDraft(id, draft, version, user);
  }

  @Post('audits/:id/finish-grading')
  @HttpCode(200)
  @Roles(...AUDITORS)
  @ApiUnprocessableEntityResponse({ description: 'Names each grading rule not yet met' })
  finishGrading(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: VersionDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.audits.finishGrading(id, body.version, user);
  }

  @Post('audits/:id/reopen')
  @HttpCode(200)
  @Roles(...AUDITORS)
  reopen(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: VersionDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.audits.reopen(id, body.version, user);
  }

  @Put('audits/:id/discussion')
  @Roles(...AUDITORS)
  @ApiUnprocessableEntityResponse({ description: 'Names what the discussion record lacks' })
  discussion(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: DiscussionDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    const { version, ...discussion } = body;
    return this.audits.recordDiscussion(id, discussion, version, user);
  }

  @Put('audits/:id/family-feedback')
  @Roles(...AUDITORS)
  familyFeedback(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: FamilyFeedbackDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    const { version, ...feedback } = body;
    return this.audits.recordFamilyFeedback(id, feedback, version, user);
  }

  @Post('audits/:id/submit')
  @HttpCode(200)
  @Roles(...AUDITORS)
  @ApiConflictResponse({ description: 'Stale version, or the audit cannot be submitted from its state' })
  submit(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: VersionDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.audits.submit(id, body.version, user);
  }

  @Post('audits/:id/escalations')
  @IdempotentCreate()
  @Roles(...AUDITORS)
  escalate(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: EscalationDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.escalations.raise(id, body.reason, user);
  }

  @Get('escalations')
  @Roles(Role.HeadOfService, Role.Director, Role.Administrator)
  listEscalations(@Query() query: EscalationsQueryDto, @CurrentUser() user: AuthenticatedUser) {
    return this.escalations.list(user, pageRequest(query), query.state);
  }

  @Get('escalations/:id')
  @Roles(Role.HeadOfService, Role.Director, Role.Administrator)
  @ApiNotFoundResponse({ description: 'No such escalation, or one outside the head of service’s locality' })
  showEscalation(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthenticatedUser) {
    return this.escalations.one(id, user);
  }

  @Post('escalations/:id/acknowledge')
  @IdempotentCreate()
  @HttpCode(200)
  @Roles(Role.HeadOfService, Role.Director)
  @ApiUnprocessableEntityResponse({ description: 'response is missing or blank' })
  acknowledge(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: AcknowledgeDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.escalations.acknowledge(id, body.response, user);
  }

  @Get('moderation/queue')
  @Roles(Role.Moderator)
  moderationQueue(@Query() query: PageQueryDto, @CurrentUser() user: AuthenticatedUser) {
    return this.moderation.queue(user, pageRequest(query));
  }

  @Post('audits/:id/moderation')
  @IdempotentCreate()
  @HttpCode(200)
  @Roles(Role.Moderator)
  @ApiConflictResponse({ description: 'Stale version, or the audit is not waiting for moderation' })
  moderate(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ModerationDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.moderation.moderate(id, body, user);
  }
}
