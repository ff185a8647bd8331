import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { PageQueryDto, pageRequest } from '../../common/index.js';
import { Role, Roles } from '../../org/index.js';
import { renderPage } from '../../web/index.js';
import { auditStateTag } from '../audit-state-labels.js';
import { OversightService } from '../oversight.service.js';
import { paginationFor, rangeText } from './page-links.js';

/**
 * A team manager's own team's audits, once submitted: the access rule's case-team grant, listed
 * and counted through the same read scope as every list (a team filter cannot reach past it).
 */
@ApiExcludeController()
@Page()
@Controller('team-audits')
export class TeamAuditsPageController {
  constructor(private readonly oversight: OversightService) {}

  @Get()
  @Roles(Role.TeamManager)
  async list(
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    // A manager with no team has no team's audits (-1 matches none), never everyone they may read.
    const page = await this.oversight.list(user, { team: user.teamId ?? -1 }, pageRequest(query));
    renderPage(response, 'audits/views/team-audits.njk', {
      pageTitle: 'Your team’s audits',
      page: { ...page, items: page.items.map((item) => ({ ...item, stateTag: auditStateTag(item.state) })) },
      range: rangeText(page, 'audits'),
      pagination: paginationFor('/team-audits', {}, page),
    });
  }
}
