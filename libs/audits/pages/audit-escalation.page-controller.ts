import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import { CreatesOnce } from '../../idempotency/index.js';
import { ALL_ROLES, AUDITOR_ROLES, Roles, TIER3_ROLES } from '../../org/index.js';
import { validateInput } from '../../web/index.js';
import { EscalationDto } from '../audits.dto.js';
import { EscalationsService } from '../escalations.service.js';
import { type AuditForm, AuditFormPages } from './audit-form-pages.js';
import { messagesIn } from './field-words.js';
import { textOf } from './form-values.js';

const AUDITORS = [...AUDITOR_ROLES, ...TIER3_ROLES];

interface FlagValues {
  reason: string;
}

const FLAG: AuditForm<FlagValues> = {
  view: 'flag-unsafe-practice',
  pageTitle: 'Flag unsafe practice',
  isOpen: (actions) => actions.escalate,
  stored: () => ({ reason: '' }),
  typed: ({ reason }) => (reason ? [{ label: 'What is unsafe', text: reason }] : []),
  fields: {
    idFor: (f) => (f === 'reason' ? 'reason' : undefined),
    labelFor: (f) => (f === 'reason' ? 'What is unsafe' : undefined),
    messageFor: messagesIn((f) => (f === 'reason' ? { kind: 'text', noun: 'what is unsafe' } : undefined)),
  },
  fallbackId: 'reason',
};

/** Flagging unsafe practice found while auditing: an escalation to the head of service. */
@ApiExcludeController()
@Page()
@Controller('audits/:id')
export class AuditEscalationPageController {
  constructor(
    private readonly forms: AuditFormPages,
    private readonly escalations: EscalationsService,
  ) {}

  @Get('escalation')
  @Roles(...ALL_ROLES)
  async escalation(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    await this.forms.show(response, FLAG, { id, user });
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
    const values = { reason: textOf(form.reason) };
    await this.forms.submit(response, FLAG, { id, user }, values, async () => {
      const dto = await validateInput(EscalationDto, values);
      await this.escalations.raise(id, dto.reason, user);
      return `/audits/${id}?flagged=1`;
    });
  }
}
