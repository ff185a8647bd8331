import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import { ALL_ROLES, AUDITOR_ROLES, Roles, TIER3_ROLES } from '../../org/index.js';
import { type FormErrors, validateInput } from '../../web/index.js';
import { AuditViewService } from '../audit-view.service.js';
import { AuditsService } from '../audits.service.js';
import { DraftDto, EscalationDto } from '../audits.dto.js';
import { EscalationsService } from '../escalations.service.js';
import { COMPLIANCE_ITEMS, GRADE_ITEMS, IMPROVED_ITEMS } from './audit-page.view.js';
import {
  auditPage,
  type AuditPageView,
  postedVersion,
  redirectAfterPost,
  refusal,
  render,
} from './audit-page-base.js';
import { formNotOpen, notOpen } from './audit-overview.js';
import { messagesIn } from './field-words.js';
import { textOf } from './form-values.js';
import {
  actionRows,
  draftFromValues,
  gradingFieldMap,
  type GradingTool,
  type GradingValues,
  valuesFromDraft,
  valuesFromForm,
} from './grading-form.js';
import { CreatesOnce } from '../../idempotency/index.js';

const AUDITORS = [...AUDITOR_ROLES, ...TIER3_ROLES];

export interface GradingView extends AuditPageView {
  values: GradingValues;
  actionRows: number;
  saved: boolean;
  gradeItems: typeof GRADE_ITEMS;
  complianceItems: typeof COMPLIANCE_ITEMS;
  improvedItems: typeof IMPROVED_ITEMS;
}

export interface EscalationView extends AuditPageView {
  reason: string;
}

/** Grading the case (saved as a draft as often as the auditor likes), and flagging unsafe practice. */
@ApiExcludeController()
@Page()
@Controller('audits/:id')
export class AuditGradingPageController {
  constructor(
    private readonly views: AuditViewService,
    private readonly audits: AuditsService,
    private readonly escalations: EscalationsService,
  ) {}

  @Get('grading')
  @Roles(...ALL_ROLES)
  async grading(
    @Param('id', ParseIdPipe) id: number,
    @Query('saved') saved: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    await this.showGrading(response, id, user, null, null, 200, saved === '1');
  }

  @Post('grading')
  @Roles(...AUDITORS)
  async saveGrading(
    @Param('id', ParseIdPipe) id: number,
    @Body() form: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const page = await auditPage(this.views, id, user);
    if (!page.actions.grade) return formNotOpen(response, page, notOpen(page, user, 'SAVE_DRAFT'));
    const values = valuesFromForm(form, page.audit.tool as GradingTool);
    const map = gradingFieldMap(page.audit.tool as GradingTool);
    try {
      const dto = await validateInput(DraftDto, { ...draftFromValues(values), version: postedVersion(form) });
      const { version, ...draft } = dto;
      const saved = await this.audits.saveDraft(id, draft, version, user);
      if (textOf(form.intent) === 'finish') {
        try {
          await this.audits.finishGrading(id, saved.version, user);
          return redirectAfterPost(response, `/audits/${id}`);
        } catch (error) {
          const { errors, status } = refusal(error, map, 'finish');
          // The draft was saved: the page says so above the rules still to meet.
          return this.showGrading(response, id, user, values, errors, status, true);
        }
      }
      redirectAfterPost(response, `/audits/${id}/grading?saved=1`);
    } catch (error) {
      const { errors, status } = refusal(error, map, 'save');
      await this.showGrading(response, id, user, values, errors, status, false);
    }
  }

  @Get('escalation')
  @Roles(...ALL_ROLES)
  async escalation(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    await this.showEscalation(response, id, user, '', null, 200);
  }

  @Post('escalation')
  @CreatesOnce()
  @Roles(...AUDITORS)
  async escalate(
    @Param('id', ParseIdPipe) id: number,
    @Body() form: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const reason = textOf(form.reason);
    try {
      const dto = await validateInput(EscalationDto, { reason });
      await this.escalations.raise(id, dto.reason, user);
      redirectAfterPost(response, `/audits/${id}?flagged=1`);
    } catch (error) {
      const { errors, status } = refusal(
        error,
        {
          idFor: (f) => (f === 'reason' ? 'reason' : undefined),
          labelFor: (f) => (f === 'reason' ? 'What is unsafe' : undefined),
          messageFor: messagesIn((f) =>
            f === 'reason' ? { kind: 'text', noun: 'what is unsafe' } : undefined,
          ),
        },
        'reason',
      );
      await this.showEscalation(response, id, user, reason, errors, status);
    }
  }

  private async showGrading(
    response: Response,
    id: number,
    user: AuthenticatedUser,
    posted: GradingValues | null,
    errors: FormErrors | null,
    status: number,
    saved: boolean,
  ): Promise<void> {
    const page = await auditPage(this.views, id, user);
    if (!page.actions.grade) return formNotOpen(response, page, errors);
    const values = posted ?? valuesFromDraft(page.audit.draft);
    render<GradingView>(
      response,
      'grading',
      {
        ...page,
        pageTitle: `Grade the case ${page.audit.caseRef}`,
        errors,
        values,
        actionRows: actionRows(values),
        saved,
        gradeItems: GRADE_ITEMS,
        complianceItems: COMPLIANCE_ITEMS,
        improvedItems: IMPROVED_ITEMS,
      },
      status,
    );
  }

  private async showEscalation(
    response: Response,
    id: number,
    user: AuthenticatedUser,
    reason: string,
    errors: FormErrors | null,
    status: number,
  ): Promise<void> {
    const page = await auditPage(this.views, id, user);
    if (!page.actions.escalate) return formNotOpen(response, page, errors);
    render<EscalationView>(
      response,
      'flag-unsafe-practice',
      { ...page, pageTitle: 'Flag unsafe practice', errors, reason },
      status,
    );
  }
}
