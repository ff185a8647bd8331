import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Discussion, FamilyFeedback } from '../../../workflows/audit-draft.js';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import { ALL_ROLES, AUDITOR_ROLES, Roles, TIER3_ROLES } from '../../org/index.js';
import { fieldError, type FormErrors, validateInput } from '../../web/index.js';
import { AuditViewService } from '../audit-view.service.js';
import { AuditsService } from '../audits.service.js';
import { DiscussionDto, FamilyFeedbackDto } from '../audits.dto.js';
import { AGREEMENT_ITEMS } from './audit-page.view.js';
import {
  auditPage,
  type AuditPageView,
  postedVersion,
  redirectAfterPost,
  refusal,
  render,
} from './audit-page-base.js';
import { formNotOpen } from './audit-overview.js';
import { typedLines } from './earlier-versions.js';
import {
  discussionFieldMap,
  discussionFromValues,
  type DiscussionValues,
  discussionValuesFrom,
  discussionValuesFromForm,
  feedbackFieldMap,
  feedbackValuesFrom,
  feedbackValuesFromForm,
} from './discussion-form.js';
import { returnHref, type ReturnTo, returnToOf } from './return-to.js';

const AUDITORS = [...AUDITOR_ROLES, ...TIER3_ROLES];

export interface DiscussionView extends AuditPageView {
  values: DiscussionValues;
  agreementItems: typeof AGREEMENT_ITEMS;
  returnTo: ReturnTo | null;
}

export interface FeedbackView extends AuditPageView {
  values: FamilyFeedback;
  returnTo: ReturnTo | null;
}

/** The discussion with the social worker, and feedback from the child or family. */
@ApiExcludeController()
@Page()
@Controller('audits/:id')
export class AuditDiscussionPageController {
  constructor(
    private readonly views: AuditViewService,
    private readonly audits: AuditsService,
  ) {}

  @Get('discussion')
  @Roles(...ALL_ROLES)
  async discussion(
    @Param('id', ParseIdPipe) id: number,
    @Query('returnTo') returnTo: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    await this.showDiscussion(response, id, user, null, null, 200, returnToOf(returnTo));
  }

  @Post('discussion')
  @Roles(...AUDITORS)
  async recordDiscussion(
    @Param('id', ParseIdPipe) id: number,
    @Body() form: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const values = discussionValuesFromForm(form);
    if (!values.happened) {
      const missing = fieldError(
        'happened',
        'Select yes if you discussed the findings with the social worker',
      );
      return this.showDiscussion(response, id, user, values, missing, 422, returnToOf(form.returnTo));
    }
    try {
      const dto = await validateInput(DiscussionDto, {
        ...discussionFromValues(values),
        version: postedVersion(form),
      });
      const { version, ...discussion } = dto;
      await this.audits.recordDiscussion(id, discussion as Discussion, version, user);
      redirectAfterPost(response, returnHref(`/audits/${id}`, form.returnTo));
    } catch (error) {
      const { errors, status } = refusal(error, discussionFieldMap, 'happened');
      await this.showDiscussion(response, id, user, values, errors, status, returnToOf(form.returnTo));
    }
  }

  @Get('feedback')
  @Roles(...ALL_ROLES)
  async feedback(
    @Param('id', ParseIdPipe) id: number,
    @Query('returnTo') returnTo: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    await this.showFeedback(response, id, user, null, null, 200, returnToOf(returnTo));
  }

  @Post('feedback')
  @Roles(...AUDITORS)
  async recordFeedback(
    @Param('id', ParseIdPipe) id: number,
    @Body() form: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const values = feedbackValuesFromForm(form);
    try {
      const dto = await validateInput(FamilyFeedbackDto, { ...values, version: postedVersion(form) });
      const { version, ...feedback } = dto;
      await this.audits.recordFamilyFeedback(id, feedback, version, user);
      redirectAfterPost(response, returnHref(`/audits/${id}`, form.returnTo));
    } catch (error) {
      const { errors, status } = refusal(error, feedbackFieldMap, 'from');
      await this.showFeedback(response, id, user, values, errors, status, returnToOf(form.returnTo));
    }
  }

  private async showDiscussion(
    response: Response,
    id: number,
    user: AuthenticatedUser,
    posted: DiscussionValues | null,
    errors: FormErrors | null,
    status: number,
    returnTo: ReturnTo | null = null,
  ): Promise<void> {
    const page = await auditPage(this.views, id, user);
    if (!page.actions.discuss) {
      return formNotOpen(response, page, errors, typedLines('RECORD_DISCUSSION', posted));
    }
    render<DiscussionView>(
      response,
      'discussion',
      {
        ...page,
        pageTitle: 'Record the discussion with the social worker',
        errors,
        values: posted ?? discussionValuesFrom(page.audit.discussion),
        agreementItems: AGREEMENT_ITEMS,
        returnTo,
      },
      status,
    );
  }

  private async showFeedback(
    response: Response,
    id: number,
    user: AuthenticatedUser,
    posted: FamilyFeedback | null,
    errors: FormErrors | null,
    status: number,
    returnTo: ReturnTo | null = null,
  ): Promise<void> {
    const page = await auditPage(this.views, id, user);
    if (!page.actions.feedback) {
      return formNotOpen(response, page, errors, typedLines('RECORD_FEEDBACK', posted));
    }
    render<FeedbackView>(
      response,
      'feedback',
      {
        ...page,
        pageTitle: 'Feedback from the child or family',
        errors,
        values: posted ?? feedbackValuesFrom(page.audit.familyFeedback),
        returnTo,
      },
      status,
    );
  }
}
