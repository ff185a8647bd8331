import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, type AuthenticatedUser } from '../auth/index.js';
import { Clock } from '../clock/index.js';
import { pageRequest } from '../common/index.js';
import { ALL_ROLES, Roles } from '../org/index.js';
import { sendActionsCsv } from './action-csv.js';
import { ActionListQueryDto, filterOf } from './action-tracker.dto.js';
import { ActionTrackerService } from './action-tracker.service.js';

/**
 * The tracker over HTTP. Every role may ask: the access rule decides what each sees (owners
 * their own, team managers their team's, advanced practitioners and heads of service their
 * locality's, the director and administrators all), and a list shows nothing else.
 */
@ApiTags('actions')
@ApiBearerAuth()
@Controller('api/v1')
export class ActionTrackerController {
  constructor(
    private readonly tracker: ActionTrackerService,
    private readonly clock: Clock,
  ) {}

  @Get('actions')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({
    description:
      '{ items, page, pageSize, total, today, sort, counts }: the actions the caller may read, filtered; most days overdue first unless sort=due',
  })
  list(@Query() query: ActionListQueryDto, @CurrentUser() user: AuthenticatedUser) {
    return this.tracker.list(user, filterOf(query), query.sort ?? 'overdue', pageRequest(query));
  }

  @Get('actions.csv')
  @Roles(...ALL_ROLES)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'Every action the same filter lists (all pages), as CSV; page and pageSize are ignored',
  })
  async csv(
    @Query() query: ActionListQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    await sendActionsCsv(
      this.tracker,
      user,
      filterOf(query),
      query.sort ?? 'overdue',
      response,
      this.clock.today(),
    );
  }

  @Get('my/actions')
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ description: 'The same list, narrowed to the actions the caller owns' })
  mine(@Query() query: ActionListQueryDto, @CurrentUser() user: AuthenticatedUser) {
    const filter = { ...filterOf(query), owner: user.id };
    return this.tracker.list(user, filter, query.sort ?? 'overdue', pageRequest(query));
  }
}
