import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Discussion, FamilyFeedback } from '../../../workflows/audit-draft.js';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import { ALL_ROLES, AUDITOR_ROLES, Roles, TIER3_ROLES } from '../../org/index.js';
import { fieldError, validateInput } from '../../web/index.js';
import { AuditsService } from '../audits.service.js';
import { DiscussionDto, FamilyFeedbackDto } from '../audits.dto.js';
import { AGREEMENT_ITEMS } from './audit-page.view.js';
import { postedVersion } from './audit-page-base.js';
import { type AuditForm, AuditFormPages } from './audit-form-pages.js';
import { CHANGE_EVENTS, typedLines } from './earlier-versions.js';
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
import { returnHref } from './return-to.js';

const AUDITORS = [...AUDITOR_ROLES, ...TIER3_ROLES];

const DISCUSSION: AuditForm<DiscussionValues> = {
  view: 'discussion',
  pageTitle: 'Record the discussion with the social worker',
  isOpen: (actions) => actions.discuss,
  stored: (page) => discussionValuesFrom(page.audit.discussion),
  typed: (posted) => typedLines(CHANGE_EVENTS.discussion, posted),
  fields: discussionFieldMap,
  fallbackId: 'happened',
  extra: () => ({ agreementItems: AGREEMENT_ITEMS }),
};

const FEEDBACK: AuditForm<FamilyFeedback> = {
  view: 'feedback',
  pageTitle: 'Feedback from the child or family',
  isOpen: (actions) => actions.feedback,
  stored: (page) => feedbackValuesFrom(page.audit.familyFeedback),
  typed: (posted) => typedLines(CHANGE_EVENTS.familyFeedback, posted),
  fields: feedbackFieldMap,
  fallbackId: 'from',
};

/** The discussion with the social worker, and feedback from the child or family. */
@ApiExcludeController()
@Page()
@Controller('audits/:id')
export class AuditDiscussionPageController {
  constructor(
    private readonly forms: AuditFormPages,
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
    await this.forms.show(response, DISCUSSION, { id, user, returnTo });
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
    const at = { id, user, returnTo: form.returnTo };
    if (!values.happened) {
      const missing = fieldError(
        'happened',
        'Select yes if you discussed the findings with the social worker',
      );
      return this.forms.show(response, DISCUSSION, at, values, missing, 422);
    }
    await this.forms.submit(response, DISCUSSION, at, values, async () => {
      const dto = await validateInput(DiscussionDto, {
        ...discussionFromValues(values),
        version: postedVersion(form),
      });
      const { version, ...discussion } = dto;
      await this.audits.recordDiscussion(id, discussion as Discussion, version, user);
      return returnHref(`/audits/${id}`, form.returnTo);
    });
  }

  @Get('feedback')
  @Roles(...ALL_ROLES)
  async feedback(
    @Param('id', ParseIdPipe) id: number,
    @Query('returnTo') returnTo: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    await this.forms.show(response, FEEDBACK, { id, user, returnTo });
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
    await this.forms.submit(response, FEEDBACK, { id, user, returnTo: form.returnTo }, values, async () => {
      const dto = await validateInput(FamilyFeedbackDto, { ...values, version: postedVersion(form) });
      const { version, ...feedback } = dto;
      await this.audits.recordFamilyFeedback(id, feedback, version, user);
      return returnHref(`/audits/${id}`, form.returnTo);
    });
  }
}
