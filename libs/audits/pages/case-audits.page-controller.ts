import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { PageQueryDto, pageRequest } from '../../common/index.js';
import { Role, Roles } from '../../org/index.js';
import { renderPage } from '../../web/index.js';
import { auditStateTag } from '../audit-state-labels.js';
import { AuditViewService } from '../audit-view.service.js';
import { paginationFor, rangeText } from './page-links.js';

/** A social worker's own cases' audits, once submitted: the grade and the discussion record. */
@ApiExcludeController()
@Page()
@Controller('case-audits')
export class CaseAuditsPageController {
  constructor(private readonly views: AuditViewService) {}

  @Get()
  @Roles(Role.SocialWorker)
  async list(
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const page = await this.views.forCaseWorker(user, pageRequest(query));
    renderPage(response, 'audits/views/case-audits.njk', {
      pageTitle: 'Audits of your cases',
      // Whether each is still with the moderator, in the words every list of audits uses.
      page: { ...page, items: page.items.map((item) => ({ ...item, stateTag: auditStateTag(item.state) })) },
      range: rangeText(page, 'audits'),
      pagination: paginationFor('/case-audits', {}, page),
    });
  }
}
