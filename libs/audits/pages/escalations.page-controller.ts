import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
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
  fieldError,
  formErrorsFrom,
  type FormErrors,
  redirectAfterPost,
  renderPage,
  validateInput,
} from '../../web/index.js';
import { AcknowledgeDto } from '../audits.dto.js';
import { type EscalationLine, EscalationsService } from '../escalations.service.js';
import { paginationFor, rangeText } from './page-links.js';
import { messagesIn } from './field-words.js';
import { CreatesOnce } from '../../idempotency/index.js';

const id = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

class EscalationsPageQuery extends PageQueryDto {
  @IsOptional()
  @IsIn(['acknowledged'])
  show?: 'acknowledged';

  /** The escalation just acknowledged, for the banner after the form. */
  @IsOptional()
  @Transform(id)
  @IsId()
  acknowledged?: number;
}

interface ResponseForm {
  response?: unknown;
}

const ACKNOWLEDGERS: readonly Role[] = [Role.HeadOfService, Role.Director];

/** Escalations of unsafe practice waiting for a head of service, and each one's acknowledgement. */
@ApiExcludeController()
@Page()
@Controller('escalations')
export class EscalationsPageController {
  constructor(private readonly escalations: EscalationsService) {}

  @Get()
  @Roles(Role.HeadOfService, Role.Director, Role.Administrator)
  async list(
    @Query() query: EscalationsPageQuery,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const acknowledged = query.show === 'acknowledged';
    const page = await this.escalations.list(
      user,
      pageRequest(query),
      acknowledged ? 'acknowledged' : 'raised',
    );
    renderPage(response, 'audits/views/escalations.njk', {
      pageTitle: acknowledged ? 'Acknowledged escalations' : 'Escalations waiting',
      acknowledged,
      justAcknowledged: query.acknowledged
        ? await this.escalations.one(query.acknowledged, user).catch(() => null)
        : null,
      canAcknowledge: ACKNOWLEDGERS.includes(user.role),
      page,
      range: rangeText(page, 'escalations'),
      pagination: paginationFor('/escalations', { show: query.show }, page),
    });
  }

  @Get(':id')
  @Roles(Role.HeadOfService, Role.Director, Role.Administrator)
  async one(
    @Param('id', ParseIdPipe) escalationId: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    this.show(response, user, await this.escalations.one(escalationId, user), '', null, 200);
  }

  @Post(':id')
  @CreatesOnce()
  @Roles(Role.HeadOfService, Role.Director)
  async acknowledge(
    @Param('id', ParseIdPipe) escalationId: number,
    @Body() form: ResponseForm,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const escalation = await this.escalations.one(escalationId, user);
    const text = typeof form.response === 'string' ? form.response : '';
    if (!text.trim()) {
      const blank = fieldError(
        'response',
        'Enter your response: what has been done, or will be done, about it',
      );
      return this.show(response, user, escalation, text, blank, 422);
    }
    try {
      const dto = await validateInput(AcknowledgeDto, { response: text });
      await this.escalations.acknowledge(escalationId, dto.response, user);
      redirectAfterPost(response, `/escalations?acknowledged=${escalationId}`);
    } catch (error) {
      const errors = formErrorsFrom(
        error,
        {
          idFor: (f) => (f === 'response' ? 'response' : undefined),
          messageFor: messagesIn((f) =>
            f === 'response' ? { kind: 'text', noun: 'your response' } : undefined,
          ),
        },
        'response',
      );
      const conflict = error instanceof DomainError && error.code !== ErrorCode.Validation;
      const now = conflict ? await this.escalations.one(escalationId, user) : escalation;
      this.show(response, user, now, text, errors, conflict ? 409 : 422);
    }
  }

  private show(
    response: Response,
    user: AuthenticatedUser,
    escalation: EscalationLine,
    text: string,
    errors: FormErrors | null,
    status: number,
  ): void {
    renderPage(
      response,
      'audits/views/escalation.njk',
      {
        pageTitle: `Escalation from the audit of case ${escalation.caseRef}`,
        errors,
        escalation,
        open: escalation.state === 'raised',
        canAcknowledge: ACKNOWLEDGERS.includes(user.role),
        response: text,
      },
      status,
    );
  }
}
