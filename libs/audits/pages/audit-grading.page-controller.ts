import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import { ALL_ROLES, AUDITOR_ROLES, Roles, TIER3_ROLES } from '../../org/index.js';
import { type FormErrors, validateInput } from '../../web/index.js';
import { AuditViewService } from '../audit-view.service.js';
import { AuditsService } from '../audits.service.js';
import { DraftDto } from '../audits.dto.js';
import { COMPLIANCE_ITEMS, GRADE_ITEMS, IMPROVED_ITEMS } from './audit-page.view.js';
import {
  auditPage,
  type AuditPageView,
  postedVersion,
  redirectAfterPost,
  refusal,
} from './audit-page-base.js';
import { notSavedErrors } from './draft-not-saved.js';
import { type AuditFormView, AuditFormPages } from './audit-form-pages.js';
import { formNotOpen, notOpen } from './audit-overview.js';
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
import { sameAnswers } from './changed-answers.js';
import { hrefWith } from './page-links.js';
import { returnHref, type ReturnTo, returnToOf } from './return-to.js';

const AUDITORS = [...AUDITOR_ROLES, ...TIER3_ROLES];

/** Whether the draft was saved just now: wholly, or all but the parts the error summary names. */
type DraftSaved = 'none' | 'saved' | 'partly';

/**
 * The grading form. Its refusals are worded in its handler, from the map of the audit's own
 * tool; a finished grading is shown to be changed (from "Check your answers"), and saving it
 * reopens the grading.
 */
const GRADING: AuditFormView<GradingValues> = {
  view: 'grading',
  pageTitle: (page) => `Grade the case ${page.audit.caseRef}`,
  isOpen: (actions) => actions.grade || actions.reopen,
  keepsFormWhenClosed: true,
  stored: (page) => valuesFromDraft(page.audit.draft),
  typed: () => [],
  extra: (page, values) => ({
    actionRows: actionRows(values),
    /** Grading is finished: saving a change reopens it, and the discussion is recorded again. */
    changing: !page.actions.grade,
    gradeItems: GRADE_ITEMS,
    complianceItems: COMPLIANCE_ITEMS,
    improvedItems: IMPROVED_ITEMS,
  }),
};

/** Grading the case: saved as a draft as often as the auditor likes, then finished. */
@ApiExcludeController()
@Page()
@Controller('audits/:id')
export class AuditGradingPageController {
  constructor(
    private readonly views: AuditViewService,
    private readonly forms: AuditFormPages,
    private readonly audits: AuditsService,
  ) {}

  @Get('grading')
  @Roles(...ALL_ROLES)
  async grading(
    @Param('id', ParseIdPipe) id: number,
    @Query('saved') saved: string | undefined,
    @Query('returnTo') returnTo: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const shown = saved === '1' ? 'saved' : 'none';
    await this.showGrading(response, id, user, null, null, 200, shown, returnToOf(returnTo));
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
    // Only the audit's own auditor's form is read (anyone else: 403). An audit that has moved on
    // since (finished in another tab) refuses the save below with 409, and the page shows what
    // was typed again.
    if (page.audit.auditor?.id !== user.id || !page.audit.tool) {
      return formNotOpen(response, page, notOpen(page, user, 'SAVE_DRAFT'));
    }
    if (!page.actions.grade && page.actions.reopen) return this.changeGrading(response, page, form, user);
    const tool = page.audit.tool as GradingTool;
    const values = valuesFromForm(form, tool);
    const map = gradingFieldMap(tool);
    try {
      // Every valid part is stored; what is not stays on the page, named in the error summary.
      const saved = await this.audits.saveValidParts(id, draftFromValues(values), postedVersion(form), user);
      if (saved.notSaved.length) {
        const errors = notSavedErrors(tool, saved.notSaved);
        return this.showGrading(response, id, user, values, errors, 422, 'partly');
      }
      if (textOf(form.intent) === 'finish') {
        try {
          await this.audits.finishGrading(id, saved.version, user);
          return redirectAfterPost(response, returnHref(`/audits/${id}`, form.returnTo));
        } catch (error) {
          const { errors, status } = refusal(error, map, 'finish');
          // The draft was saved: the page says so above the rules still to meet.
          return this.showGrading(response, id, user, values, errors, status, 'saved');
        }
      }
      const returnTo = returnToOf(form.returnTo) ?? undefined;
      redirectAfterPost(response, hrefWith(`/audits/${id}/grading`, { saved: 1, returnTo }));
    } catch (error) {
      const { errors, status } = refusal(error, map, 'save');
      await this.showGrading(response, id, user, values, errors, status, 'none');
    }
  }

  private async showGrading(
    response: Response,
    id: number,
    user: AuthenticatedUser,
    posted: GradingValues | null,
    errors: FormErrors | null,
    status: number,
    saved: DraftSaved,
    returnTo: ReturnTo | null = null,
  ): Promise<void> {
    const ownerChoices = await this.audits.ownerChoices(id, user);
    return this.forms.show(response, GRADING, { id, user, returnTo }, posted, errors, status, {
      saved,
      ownerChoices,
    });
  }

  /**
   * A finished grading changed and saved whole, then back to where it was opened from. Nothing
   * changed is no change: the discussion stands. A refusal keeps every value typed.
   */
  private async changeGrading(
    response: Response,
    page: Omit<AuditPageView, 'pageTitle'>,
    form: Record<string, unknown>,
    user: AuthenticatedUser,
  ): Promise<void> {
    const tool = page.audit.tool as GradingTool;
    const values = valuesFromForm(form, tool);
    const back = returnHref(page.base, form.returnTo);
    if (sameAnswers(page.audit.draft, values)) return redirectAfterPost(response, back);
    try {
      const dto = await validateInput(DraftDto, { ...draftFromValues(values), version: postedVersion(form) });
      const { version, ...draft } = dto;
      await this.audits.changeGrading(page.audit.id, draft, version, user);
      redirectAfterPost(response, back);
    } catch (error) {
      const { errors, status } = refusal(error, gradingFieldMap(tool), 'finish');
      const returnTo = returnToOf(form.returnTo);
      await this.showGrading(response, page.audit.id, user, values, errors, status, 'none', returnTo);
    }
  }
}
