import { Body, Controller, Get, Param, Query, Res, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn } from 'class-validator';
import type { Response } from 'express';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import {
  DomainError,
  ErrorCode,
  IsId,
  PageQueryDto,
  pageRequest,
  ParseIdPipe,
  IsOptional,
} from '../../common/index.js';
import { Role, Roles } from '../../org/index.js';
import {
  formErrorsFrom,
  type FormErrors,
  redirectAfterPost,
  renderPage,
  validateInput,
} from '../../web/index.js';
import { AuditViewService } from '../audit-view.service.js';
import { ModerationDto } from '../audits.dto.js';
import { ModerationService } from '../moderation.service.js';
import {
  moderationCommand,
  moderationFieldId,
  type ModerationFormInput,
  moderationQuestions,
  unansweredQuestions,
} from './moderation-form.js';
import { auditorEvidence } from './moderation-evidence.js';
import { paginationFor, rangeText } from './page-links.js';
import { CreatesOnce } from '../../idempotency/index.js';

class QueueQuery extends PageQueryDto {
  /** The audits already moderated, instead of those waiting. */
  @IsOptional()
  @IsIn(['moderated'])
  show?: 'moderated';

  /** The audit just moderated, for the banner after the form. */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value))
  @IsId()
  moderated?: number;
}

type AuditView = Awaited<ReturnType<AuditViewService['show']>>;

const CONFLICTS = new Set([ErrorCode.StaleUpdate, ErrorCode.IllegalTransition, ErrorCode.Conflict]);

/** The moderator's queue, and the form beside each audit's grades. */
@ApiExcludeController()
@Page()
@Controller('moderation')
export class ModerationPageController {
  constructor(
    private readonly moderation: ModerationService,
    private readonly views: AuditViewService,
  ) {}

  @Get()
  @Roles(Role.Moderator)
  async queue(
    @Query() query: QueueQuery,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const done = query.show === 'moderated';
    const page = done
      ? await this.moderation.moderated(user, pageRequest(query))
      : await this.moderation.queue(user, pageRequest(query));
    renderPage(response, 'audits/views/moderation-queue.njk', {
      pageTitle: done ? 'Audits you have moderated' : 'Moderation',
      done,
      page,
      moderated: query.moderated ? await this.moderatedCase(query.moderated, user) : null,
      range: rangeText(page, 'audits'),
      pagination: paginationFor('/moderation', { show: query.show }, page),
    });
  }

  /** The audit the banner names by its case; none when the reader may not see it (no read is logged). */
  private async moderatedCase(id: number, user: AuthenticatedUser) {
    try {
      const audit = await this.views.current(id, user);
      return { id, caseRef: audit.caseRef };
    } catch (error) {
      if (error instanceof DomainError && [ErrorCode.NotFound, ErrorCode.Forbidden].includes(error.code)) {
        return null;
      }
      throw error;
    }
  }

  @Get(':auditId')
  @Roles(Role.Moderator)
  async form(
    @Param('auditId', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    this.show(response, await this.views.show(id, user), {}, null, 200);
  }

  @Post(':auditId')
  @CreatesOnce()
  @Roles(Role.Moderator)
  async moderate(
    @Param('auditId', ParseIdPipe) id: number,
    @Body() form: ModerationFormInput,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const audit = await this.views.current(id, user);
    const questions = questionsOf(audit, form);
    const missing = unansweredQuestions(questions);
    if (missing) return this.show(response, audit, form, missing, 422);
    try {
      const command = await validateInput(
        ModerationDto,
        moderationCommand(questions, form.version, form.comment),
      );
      await this.moderation.moderate(id, command, user);
      redirectAfterPost(response, `/moderation?moderated=${id}`);
    } catch (error) {
      const errors = formErrorsFrom(error, { idFor: moderationFieldId }, 'overall');
      const conflict = error instanceof DomainError && CONFLICTS.has(error.code);
      // A stale form is shown again on the audit as it is now, with the moderator's choices kept.
      const now = conflict ? await this.views.current(id, user) : audit;
      this.show(response, now, form, errors, conflict ? 409 : 422);
    }
  }

  private show(
    response: Response,
    audit: AuditView,
    form: ModerationFormInput,
    errors: FormErrors | null,
    status: number,
  ): void {
    renderPage(
      response,
      'audits/views/moderation-form.njk',
      {
        pageTitle: `Moderate the audit of case ${audit.caseRef}`,
        errors,
        audit,
        open: audit.state === 'inModeration',
        questions: questionsOf(audit, form),
        evidence: auditorEvidence(audit),
        comment: typeof form.comment === 'string' ? form.comment : '',
      },
      status,
    );
  }
}

function questionsOf(audit: AuditView, form: ModerationFormInput) {
  const graded = new Set(audit.grades.filter((g) => g.source === 'auditor').map((g) => g.domainKey));
  const domains = (audit.tool?.domains ?? []).filter((d) => graded.has(d.key));
  return moderationQuestions(domains, audit.grades, audit.overallGrade, form);
}
