import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { Clock } from '../../clock/index.js';
import { pageRequest } from '../../common/index.js';
import { ALL_ROLES, Role, Roles } from '../../org/index.js';
import { renderPage } from '../../web/index.js';
import { sendActionsCsv } from '../action-csv.js';
import { ActionRecordService } from '../action-record.service.js';
import { ActionListQueryDto, filterOf } from '../action-tracker.dto.js';
import { ActionTrackerService } from '../action-tracker.service.js';
import { filterSelects, selectedFilters, trackerParams, trackerView } from './tracker-view.js';

/** The tracker opens on what still needs doing; "Any status" shows the rest. */
const DEFAULT_STATUS = 'open';

function titleFor(user: AuthenticatedUser): string {
  switch (user.role) {
    case Role.AdvancedPractitioner:
    case Role.HeadOfService:
      return 'Actions in your locality';
    case Role.TeamManager:
      return 'Actions for your team';
    case Role.Director:
    case Role.Administrator:
      return 'Actions in every locality';
    default:
      return 'Actions you can see';
  }
}

/**
 * The tracker's pages: `/actions` (every action the reader may read; the advanced practitioner's
 * start page), `/my-actions` (the reader's own) and the CSV of exactly what a filter shows.
 */
@ApiExcludeController()
@Page()
@Controller()
export class TrackerPageController {
  constructor(
    private readonly tracker: ActionTrackerService,
    private readonly records: ActionRecordService,
    private readonly clock: Clock,
  ) {}

  @Get('actions')
  @Roles(...ALL_ROLES)
  async list(
    @Query() query: ActionListQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    await this.show(response, user, query, {
      path: '/actions',
      csvPath: '/actions.csv',
      pageTitle: titleFor(user),
      mine: false,
    });
  }

  @Get('my-actions')
  @Roles(...ALL_ROLES)
  async mine(
    @Query() query: ActionListQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    await this.show(
      response,
      user,
      { ...query, owner: user.id },
      {
        path: '/my-actions',
        csvPath: '/my-actions.csv',
        pageTitle: 'My actions',
        mine: true,
      },
    );
  }

  @Get('actions.csv')
  @Roles(...ALL_ROLES)
  async csv(
    @Query() query: ActionListQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ) {
    const params = { ...query, status: query.status ?? DEFAULT_STATUS };
    await sendActionsCsv(
      this.tracker,
      user,
      filterOf(params),
      query.sort ?? 'overdue',
      response,
      this.clock.today(),
    );
  }

  @Get('my-actions.csv')
  @Roles(...ALL_ROLES)
  async myCsv(
    @Query() query: ActionListQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ) {
    const params = { ...query, owner: user.id, status: query.status ?? DEFAULT_STATUS };
    await sendActionsCsv(
      this.tracker,
      user,
      filterOf(params),
      query.sort ?? 'overdue',
      response,
      this.clock.today(),
    );
  }

  private async show(
    response: Response,
    user: AuthenticatedUser,
    query: ActionListQueryDto,
    where: { path: string; csvPath: string; pageTitle: string; mine: boolean },
  ): Promise<void> {
    const params = trackerParams(query, DEFAULT_STATUS);
    // /my-actions is the reader's own by its address: the owner is not a filter to show or remove.
    if (where.mine) delete params.owner;
    const filter = filterOf({ ...query, status: params.status as ActionListQueryDto['status'] });
    const sort = query.sort ?? 'overdue';
    const page = await this.tracker.list(user, filter, sort, pageRequest(query));
    const selects = filterSelects(params, where.mine ? null : await this.tracker.options(user));
    const auditCaseRef =
      query.audit !== undefined
        ? ((await this.records.forAudit(query.audit, user))[0]?.caseRef ?? null)
        : null;
    renderPage(response, 'actions/views/tracker.njk', {
      pageTitle: where.pageTitle,
      path: where.path,
      mine: where.mine,
      params,
      selects,
      selected: selectedFilters(where.path, params, selects, auditCaseRef),
      view: trackerView(where.path, where.csvPath, params, page),
    });
  }
}
