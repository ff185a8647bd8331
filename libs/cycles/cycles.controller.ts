import { ParseIdPipe } from '../common/index.js';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/index.js';
import { actorOf, type AuthenticatedUser } from '../auth/index.js';
import { PageQueryDto, pageRequest } from '../common/index.js';
import { AUDITOR_ROLES, Role, TIER3_ROLES, Roles } from '../org/index.js';
import { AllocationsService } from './allocations.service.js';
import {
  CycleAuditsQueryDto,
  MyAuditsQueryDto,
  OpenCycleDto,
  ReallocateDto,
  WithdrawDto,
} from './cycles.dto.js';
import { CycleReadsService } from './cycle-reads.service.js';
import { CyclesService } from './cycles.service.js';
import { IdempotentCreate } from '../idempotency/index.js';

/**
 * Who may read cycles: those who run and oversee the framework. What each sees of a cycle (its
 * audits, its figures) is only what they may read one by one (libs/audits/audit-access.ts).
 */
const OVERSIGHT = [Role.Administrator, Role.Director, Role.HeadOfService, Role.SeniorManager];

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('api/v1')
export class CyclesController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reads: CycleReadsService,
    private readonly allocations: AllocationsService,
  ) {}

  @Post('cycles')
  @IdempotentCreate()
  @Roles(Role.Administrator)
  @ApiConflictResponse({ description: 'The monthly cycle for that month exists' })
  @ApiUnprocessableEntityResponse({ description: 'A field is invalid, or no open case is in scope' })
  open(@Body() body: OpenCycleDto, @CurrentUser() user: AuthenticatedUser) {
    return this.cycles.open(body, actorOf(user));
  }

  @Post('cycles/preview')
  @HttpCode(200)
  @Roles(Role.Administrator)
  @ApiOkResponse({
    description:
      'What POST cycles would open, written nowhere: settings (the seed used), strata, audits per auditor, unallocated cases and previewDigest',
  })
  @ApiConflictResponse({ description: 'The monthly cycle for that month exists' })
  @ApiUnprocessableEntityResponse({ description: 'A field is invalid, or no open case is in scope' })
  preview(@Body() body: OpenCycleDto) {
    return this.cycles.preview(body);
  }

  @Get('cycles')
  @Roles(...OVERSIGHT)
  list(@Query() query: PageQueryDto, @CurrentUser() user: AuthenticatedUser) {
    return this.reads.list(pageRequest(query), user);
  }

  @Get('cycles/monthly/:month')
  @Roles(...OVERSIGHT)
  @ApiNotFoundResponse()
  showMonthly(@Param('month') month: string, @CurrentUser() user: AuthenticatedUser) {
    return this.reads.showMonthly(month, user);
  }

  @Get('cycles/:id')
  @Roles(...OVERSIGHT)
  @ApiNotFoundResponse()
  show(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthenticatedUser) {
    return this.reads.show(id, user);
  }

  @Get('cycles/:id/audits')
  @Roles(...OVERSIGHT)
  @ApiNotFoundResponse()
  audits(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: CycleAuditsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    const { state, team, caseRef } = query;
    return this.reads.audits(id, pageRequest(query), { state, team, caseRef }, user);
  }

  // The cycle's history names every reallocated and withdrawn audit: for those who read them all.
  @Get('cycles/:id/history')
  @Roles(Role.Administrator, Role.Director)
  history(@Param('id', ParseIdPipe) id: number, @Query() query: PageQueryDto) {
    return this.reads.history(id, pageRequest(query));
  }

  @Post('cycles/:id/close')
  @HttpCode(200)
  @Roles(Role.Administrator)
  @ApiConflictResponse({ description: 'Audits are still outstanding, or the cycle is closed' })
  close(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthenticatedUser) {
    return this.cycles.close(id, actorOf(user));
  }

  @Get('audits/:id/eligible-auditors')
  @Roles(Role.Administrator)
  @ApiNotFoundResponse()
  @ApiOkResponse({
    description:
      'The audit, who may take it instead (least loaded first), and its earlier reallocations with their reasons',
  })
  eligibleAuditors(@Param('id', ParseIdPipe) id: number) {
    return this.allocations.eligibleAuditors(id);
  }

  @Post('audits/:id/reallocate')
  @IdempotentCreate()
  @HttpCode(200)
  @Roles(Role.Administrator)
  reallocate(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: ReallocateDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.allocations.reallocate(id, body.auditorId, body.reason, actorOf(user));
  }

  @Post('audits/:id/withdraw')
  @HttpCode(200)
  @Roles(Role.Administrator)
  withdraw(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: WithdrawDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.allocations.withdraw(id, body.reason, actorOf(user));
  }

  @Get('my/audits')
  @Roles(...AUDITOR_ROLES, ...TIER3_ROLES)
  mine(@Query() query: MyAuditsQueryDto, @CurrentUser() user: AuthenticatedUser) {
    return this.allocations.mine(user, pageRequest(query), query.group);
  }

  @Get('my/audits/counts')
  @Roles(...AUDITOR_ROLES, ...TIER3_ROLES)
  @ApiOkResponse({ description: 'How many of the caller’s audits are in each group' })
  myCounts(@CurrentUser() user: AuthenticatedUser) {
    return this.allocations.myCounts(user);
  }
}
