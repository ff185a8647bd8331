import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { pageRequest } from '../../common/index.js';
import { Role, Roles } from '../../org/index.js';
import { renderPage } from '../../web/index.js';
import { auditStateTag } from '../audit-state-labels.js';
import { OversightQueryDto } from '../audits.dto.js';
import { OversightService } from '../oversight.service.js';
import { filterSelects, selectedFilters } from './oversight-filters.js';
import { paginationFor, rangeText } from './page-links.js';

/** The audits of a head of service's locality (every locality for the director), filtered. */
@ApiExcludeController()
@Page()
@Controller('oversight')
export class OversightPageController {
  constructor(private readonly oversight: OversightService) {}

  @Get()
  @Roles(Role.HeadOfService, Role.Director, Role.Administrator)
  async list(
    @Query() query: OversightQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const filter = { team: query.team, cohort: query.cohort, state: query.state, grade: query.grade };
    const page = await this.oversight.list(user, filter, pageRequest(query));
    const selects = filterSelects(filter, await this.oversight.options(user));
    const selected = selectedFilters('/oversight', filter, selects);
    renderPage(response, 'audits/views/oversight.njk', {
      pageTitle: user.role === Role.HeadOfService ? 'Audits in your locality' : 'Audits in every locality',
      // The state in the same words and colours as every other list of audits.
      page: { ...page, items: page.items.map((item) => ({ ...item, stateTag: auditStateTag(item.state) })) },
      selects,
      selected,
      range: rangeText(page, 'audits'),
      pagination: paginationFor('/oversight', { ...filter }, page),
    });
  }
}
