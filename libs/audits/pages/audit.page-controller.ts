import { Body, Controller, Get, Optional, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import { ALL_ROLES, AUDITOR_ROLES, Roles, TIER3_ROLES } from '../../org/index.js';
import { AuditActionList } from '../audit-action-list.port.js';
import { AuditViewService } from '../audit-view.service.js';
import { AuditsService } from '../audits.service.js';
import { auditPage, postedVersion, redirectAfterPost, refusal } from './audit-page-base.js';
import { renderOverview } from './audit-overview.js';
import type { FormErrors } from '../../web/index.js';

const AUDITORS = [...AUDITOR_ROLES, ...TIER3_ROLES];

/** One audit's overview: the case, the tool, the task list for its auditor, or the record read-only. */
@ApiExcludeController()
@Page()
@Controller('audits/:id')
export class AuditPageController {
  constructor(
    private readonly views: AuditViewService,
    private readonly audits: AuditsService,
    @Optional() private readonly actionList?: AuditActionList,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  async overview(
    @Param('id', ParseIdPipe) id: number,
    @Query('flagged') flagged: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const notice = flagged === '1' ? 'Unsafe practice flagged: the head of service has been told.' : null;
    await this.showOverview(response, id, user, null, 200, notice);
  }

  @Post('start')
  @Roles(...AUDITORS)
  async start(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    try {
      await this.audits.start(id, user);
      redirectAfterPost(response, `/audits/${id}/grading`);
    } catch (error) {
      const { errors, status } = refusal(error, { idFor: () => undefined }, 'start');
      await this.showOverview(response, id, user, errors, status);
    }
  }

  @Post('reopen')
  @Roles(...AUDITORS)
  async reopen(
    @Param('id', ParseIdPipe) id: number,
    @Body() form: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    try {
      await this.audits.reopen(id, postedVersion(form), user);
      redirectAfterPost(response, `/audits/${id}/grading`);
    } catch (error) {
      const { errors, status } = refusal(error, { idFor: () => undefined }, 'reopen');
      await this.showOverview(response, id, user, errors, status);
    }
  }

  private async showOverview(
    response: Response,
    id: number,
    user: AuthenticatedUser,
    errors: FormErrors | null,
    status: number,
    notice: string | null = null,
  ): Promise<void> {
    const page = await auditPage(this.views, id, user);
    // The actions this audit raised (those the reader may read), through the actions' port.
    response.locals.raisedActions = (await this.actionList?.forAudit(id, user)) ?? [];
    renderOverview(response, page, errors, status, notice);
  }
}
