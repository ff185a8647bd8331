import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import { ALL_ROLES, AUDITOR_ROLES, Roles, TIER3_ROLES } from '../../org/index.js';
import type { FieldMap, FormErrors } from '../../web/index.js';
import { AuditViewService } from '../audit-view.service.js';
import { AuditsService } from '../audits.service.js';
import { agreementLabel, answerLabel, gradeLines, type GradeLine, improvedLabel } from './audit-page.view.js';
import {
  auditPage,
  type AuditPageView,
  postedVersion,
  redirectAfterPost,
  refusal,
  render,
} from './audit-page-base.js';
import { formNotOpen } from './audit-overview.js';
import { discussionFieldMap } from './discussion-form.js';
import { gradingFieldId, gradingFieldMap, type GradingTool } from './grading-form.js';
import { formHref } from './return-to.js';

const AUDITORS = [...AUDITOR_ROLES, ...TIER3_ROLES];

export interface CheckView extends AuditPageView {
  grades: GradeLine[];
  compliance: { key: string; question: string; answer: string }[];
  improved: string;
  agreement: string;
  /** The forms each Change link opens, coming back here after saving. */
  change: { grading: string; discussion: string; feedback: string };
}

/**
 * A refused submission names what is missing; each link goes to the field on the page where it
 * is answered (the grading or the discussion page), not to this summary.
 */
function submitFieldMap(base: string, tool: GradingTool | null): FieldMap {
  const grading = tool ? gradingFieldMap(tool) : null;
  return {
    idFor: (field) => {
      if (field.startsWith('discussion')) {
        return `${formHref(base, 'discussion')}#${discussionFieldMap.idFor(field)}`;
      }
      const id = gradingFieldId(field);
      return id ? `${formHref(base, 'grading')}#${id}` : undefined;
    },
    messageFor: (field, message) =>
      field.startsWith('discussion')
        ? discussionFieldMap.messageFor?.(field, message)
        : grading?.messageFor?.(field, message),
  };
}

/** "Check your answers", the submission, and its confirmation. */
@ApiExcludeController()
@Page()
@Controller('audits/:id')
export class AuditCheckPageController {
  constructor(
    private readonly views: AuditViewService,
    private readonly audits: AuditsService,
  ) {}

  @Get('check')
  @Roles(...ALL_ROLES)
  async check(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    await this.showCheck(response, id, user, null);
  }

  @Post('submit')
  @Roles(...AUDITORS)
  async submit(
    @Param('id', ParseIdPipe) id: number,
    @Body() form: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    try {
      await this.audits.submit(id, postedVersion(form), user);
      redirectAfterPost(response, `/audits/${id}/submitted`);
    } catch (error) {
      await this.showCheck(response, id, user, error);
    }
  }

  @Get('submitted')
  @Roles(...ALL_ROLES)
  async submitted(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const page = await auditPage(this.views, id, user);
    if (!page.audit.submittedAt) return response.redirect(303, `/audits/${id}`);
    render(response, 'submitted', { ...page, pageTitle: 'Audit submitted' });
  }

  /** The page, with a refused submission's errors (worded for the audit's tool) when there was one. */
  private async showCheck(
    response: Response,
    id: number,
    user: AuthenticatedUser,
    refused: unknown,
  ): Promise<void> {
    const page = await auditPage(this.views, id, user);
    const { audit } = page;
    let errors: FormErrors | null = null;
    let status = 200;
    if (refused) {
      const map = submitFieldMap(`/audits/${id}`, audit.tool as GradingTool | null);
      ({ errors, status } = refusal(refused, map, 'submit'));
      // Links to other pages keep their address; the summary's own links start with '#'.
      errors.summary = errors.summary.map((s) => ({ ...s, href: s.href.replace(/^#\//, '/') }));
    }
    if (!page.actions.submit) return formNotOpen(response, page, errors);
    const draft = (audit.draft ?? {}) as { compliance?: Record<string, string>; improved?: string };
    render<CheckView>(
      response,
      'check',
      {
        ...page,
        pageTitle: 'Check your answers before submitting the audit',
        errors,
        grades: gradeLines(audit),
        compliance: ((audit.tool as GradingTool | null)?.compliance ?? []).map((i) => ({
          key: i.key,
          question: i.question,
          answer: answerLabel(draft.compliance?.[i.key]),
        })),
        improved: improvedLabel(draft.improved),
        agreement: agreementLabel(audit.discussion?.agreement),
        change: {
          grading: formHref(page.base, 'grading'),
          discussion: formHref(page.base, 'discussion'),
          feedback: formHref(page.base, 'feedback'),
        },
      },
      status,
    );
  }
}
