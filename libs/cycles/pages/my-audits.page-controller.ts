import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { MY_AUDIT_GROUPS, type MyAuditGroup } from '../../audits/index.js';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { Clock } from '../../clock/index.js';
import { AUDITOR_ROLES, Roles, TIER3_ROLES } from '../../org/index.js';
import { type PageView, renderPage } from '../../web/index.js';
import { AllocationsService } from '../allocations.service.js';
import { MyAuditsQueryDto } from '../cycles.dto.js';
import {
  groupTitle,
  mySection,
  type MyAuditSection,
  pagination,
  type PaginationView,
} from './my-audits.view.js';

/** The first rows of each group on the landing page; a whole group pages by this many. */
const PREVIEW_ROWS = 10;
const GROUP_PAGE_ROWS = 25;

interface MyAuditsView extends PageView {
  sections: MyAuditSection[];
  /** Set when one group is shown whole, page by page. */
  group: MyAuditGroup | null;
  pagination: PaginationView | null;
}

/** An auditor's start page: their audits by what they have to do next. */
@ApiExcludeController()
@Page()
@Controller()
export class MyAuditsPageController {
  constructor(
    private readonly allocations: AllocationsService,
    private readonly clock: Clock,
  ) {}

  @Get('audits')
  @Roles(...AUDITOR_ROLES, ...TIER3_ROLES)
  async myAudits(
    @Query() query: MyAuditsQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const group = query.group ?? null;
    const today = this.clock.today();
    if (group) {
      const found = await this.allocations.mine(
        user,
        { page: query.page ?? 1, pageSize: GROUP_PAGE_ROWS },
        group,
      );
      return renderPage<MyAuditsView>(response, 'cycles/views/my-audits.njk', {
        pageTitle: groupTitle(group),
        sections: [mySection(group, found, true, today)],
        group,
        pagination: pagination(group, found),
      });
    }
    const counts = await this.allocations.myCounts(user);
    const sections: MyAuditSection[] = [];
    for (const key of MY_AUDIT_GROUPS) {
      const found =
        counts[key] === 0
          ? { items: [], page: 1, pageSize: PREVIEW_ROWS, total: 0 }
          : await this.allocations.mine(user, { page: 1, pageSize: PREVIEW_ROWS }, key);
      sections.push(mySection(key, found, false, today));
    }
    renderPage<MyAuditsView>(response, 'cycles/views/my-audits.njk', {
      pageTitle: 'My audits',
      sections,
      group: null,
      pagination: null,
    });
  }
}
