import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Response } from 'express';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { PageQueryDto, pageRequest, ParseIdPipe, IsOptional } from '../../common/index.js';
import { Role, Roles } from '../../org/index.js';
import { type PageView, type PagingLinks, pagingLinks, renderPage } from '../../web/index.js';
import { AuditViewService } from '../audit-view.service.js';

class AccessPageQueryDto extends PageQueryDto {
  /** The cycle the reader came from, for the back link. */
  @IsOptional()
  @Matches(/^\d{1,10}$/)
  cycle?: string;
}

interface AccessView extends PageView {
  auditId: number;
  records: { actorLabel: string; at: string }[];
  total: number;
  pagination: PagingLinks | null;
  backHref: string;
}

/** Who has read an audit, newest first: the administrator's and the director's check on access. */
@ApiExcludeController()
@Page()
@Controller()
export class AuditAccessPageController {
  constructor(private readonly views: AuditViewService) {}

  @Get('admin/audits/:id/access')
  @Roles(Role.Administrator, Role.Director)
  async accessLog(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: AccessPageQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const page = await this.views.accessLog(id, pageRequest(query), user);
    renderPage<AccessView>(response, 'audits/views/audit-access.njk', {
      pageTitle: `Who has read audit ${id}`,
      auditId: id,
      records: page.items,
      total: page.total,
      pagination: pagingLinks(page, `/admin/audits/${id}/access`, { cycle: query.cycle }),
      backHref: query.cycle ? `/admin/cycles/${query.cycle}` : '/admin/cycles',
    });
  }
}
