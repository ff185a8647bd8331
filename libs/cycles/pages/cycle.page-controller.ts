import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import type { Response } from 'express';
import { REALLOCATABLE_STATES } from '../../audits/index.js';
import { actorOf, type AuthenticatedUser, CurrentUser, Page } from '../../auth/index.js';
import { DomainError, ParseIdPipe, pageRequest, IsOptional } from '../../common/index.js';
import { Role, Roles } from '../../org/index.js';
import {
  type FieldMap,
  fieldError,
  type FormErrors,
  formErrorsFrom,
  formatMonth,
  mergeFormErrors,
  type PageView,
  type PagingLinks,
  pagingLinks,
  redirectAfterPost,
  renderPage,
  validateInput,
} from '../../web/index.js';
import { AllocationsService, type EligibleAuditors } from '../allocations.service.js';
import type { AuditLine, CycleDocument } from '../cycle-document.js';
import { CycleReadsService } from '../cycle-reads.service.js';
import { CycleAuditsQueryDto, ReallocateDto } from '../cycles.dto.js';
import { CyclesService } from '../cycles.service.js';
import { formStatus } from './new-cycle-form.js';
import { CreatesOnce } from '../../idempotency/index.js';

interface CycleView extends PageView {
  cycle: CycleDocument;
  audits: (AuditLine & { canReallocate: boolean })[];
  total: number;
  pagination: PagingLinks | null;
  filter: { state?: string; team?: string };
  states: string[];
  teams: string[];
  notice: string | null;
}

interface ReallocateView extends PageView {
  cycleId: number;
  eligible: EligibleAuditors;
  values: { auditorId: string; reason: string };
}

/** The cycle page's query: the audits' filter and page, and which change just happened. */
class CyclePageQueryDto extends CycleAuditsQueryDto {
  @IsOptional()
  @IsIn(['1'])
  opened?: string;

  @IsOptional()
  @IsIn(['1'])
  closed?: string;

  @IsOptional()
  @Matches(/^\d{1,10}$/)
  reallocated?: string;
}

const REALLOCATE_FIELDS: FieldMap = {
  idFor: (field) => (field === 'auditorId' || field === 'reason' ? field : undefined),
};

/** One cycle: its figures and audits (paged in SQL), closing it, and reallocating an audit. */
@ApiExcludeController()
@Page()
@Controller()
export class CyclePageController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reads: CycleReadsService,
    private readonly allocations: AllocationsService,
  ) {}

  @Get('admin/cycles/:id')
  @Roles(Role.Administrator)
  async show(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: CyclePageQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    await this.showCycle(response, user, id, query, null, 200);
  }

  @Post('admin/cycles/:id/close')
  @Roles(Role.Administrator)
  async close(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    try {
      await this.cycles.close(id, actorOf(user));
      redirectAfterPost(response, `/admin/cycles/${id}?closed=1`);
    } catch (error) {
      const errors = formErrorsFrom(error, { idFor: () => undefined }, 'close-cycle');
      await this.showCycle(response, user, id, new CyclePageQueryDto(), errors, formStatus(error));
    }
  }

  @Get('admin/cycles/:id/audits/:auditId/reallocate')
  @Roles(Role.Administrator)
  async reallocateForm(
    @Param('id', ParseIdPipe) id: number,
    @Param('auditId', ParseIdPipe) auditId: number,
    @Res() response: Response,
  ): Promise<void> {
    await this.showReallocate(response, id, auditId, { auditorId: '', reason: '' }, null, 200);
  }

  @Post('admin/cycles/:id/audits/:auditId/reallocate')
  @CreatesOnce()
  @Roles(Role.Administrator)
  async reallocate(
    @Param('id', ParseIdPipe) id: number,
    @Param('auditId', ParseIdPipe) auditId: number,
    @Body() form: { auditorId?: unknown; reason?: unknown },
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const values = {
      auditorId: typeof form.auditorId === 'string' ? form.auditorId : '',
      reason: typeof form.reason === 'string' ? form.reason : '',
    };
    const missing = mergeFormErrors(
      values.auditorId ? null : fieldError('auditorId', 'Choose who should audit this case'),
      values.reason.trim() ? null : fieldError('reason', 'Enter why you are reallocating this audit'),
    );
    if (missing) return this.showReallocate(response, id, auditId, values, missing, 422);
    try {
      await this.requireAuditOfCycle(id, auditId);
      const body = await validateInput(ReallocateDto, {
        auditorId: /^\d{1,10}$/.test(values.auditorId) ? Number(values.auditorId) : values.auditorId,
        reason: values.reason,
      });
      await this.allocations.reallocate(auditId, body.auditorId, body.reason, actorOf(user));
      redirectAfterPost(response, `/admin/cycles/${id}?reallocated=${auditId}`);
    } catch (error) {
      const errors = formErrorsFrom(error, REALLOCATE_FIELDS, 'auditorId');
      await this.showReallocate(response, id, auditId, values, errors, formStatus(error));
    }
  }

  private async showCycle(
    response: Response,
    user: AuthenticatedUser,
    id: number,
    query: CyclePageQueryDto,
    errors: FormErrors | null,
    status: number,
  ): Promise<void> {
    // An administrators' page: the whole document, and the audits through the one read rule.
    const cycle = await this.reads.showWhole({ id });
    const filter = { state: query.state, team: query.team };
    const page = await this.reads.audits(id, pageRequest(query), filter, user);
    const notice = query.opened
      ? 'The cycle is open and its audits are allocated.'
      : query.closed
        ? 'The cycle is closed.'
        : query.reallocated
          ? await this.reallocatedNotice(id, Number(query.reallocated))
          : null;
    renderPage<CycleView>(
      response,
      'cycles/views/cycle.njk',
      {
        pageTitle: cycleTitle(cycle),
        errors,
        cycle,
        audits: page.items.map((a) => ({ ...a, canReallocate: REALLOCATABLE_STATES.includes(a.state) })),
        total: page.total,
        pagination: pagingLinks(page, `/admin/cycles/${id}`, filter),
        filter,
        states: Object.keys(cycle.byState),
        teams: [...new Set(cycle.strata.map((s) => s.team))].sort((a, b) => a.localeCompare(b)),
        notice,
      },
      status,
    );
  }

  /** Names the case, as the manager knows it, not the audit's number; none for an audit not in the cycle. */
  private async reallocatedNotice(cycleId: number, auditId: number): Promise<string | null> {
    try {
      const { audit } = await this.requireAuditOfCycle(cycleId, auditId);
      return `The audit of case ${audit.caseRef} is reallocated.`;
    } catch {
      return null;
    }
  }

  private async showReallocate(
    response: Response,
    cycleId: number,
    auditId: number,
    values: ReallocateView['values'],
    errors: FormErrors | null,
    status: number,
  ): Promise<void> {
    const eligible = await this.requireAuditOfCycle(cycleId, auditId);
    renderPage<ReallocateView>(
      response,
      'cycles/views/reallocate.njk',
      {
        pageTitle: `Reallocate the audit of case ${eligible.audit.caseRef}`,
        errors,
        cycleId,
        eligible,
        values,
      },
      status,
    );
  }

  /** The audit and who may take it; an audit of another cycle is not found here. */
  private async requireAuditOfCycle(cycleId: number, auditId: number): Promise<EligibleAuditors> {
    const eligible = await this.allocations.eligibleAuditors(auditId);
    if (eligible.audit.cycleId !== cycleId) throw DomainError.notFound('audit', auditId);
    return eligible;
  }
}

export function cycleTitle(cycle: CycleDocument): string {
  return cycle.kind === 'themed'
    ? `${cycle.title ?? 'Themed cycle'} (${formatMonth(cycle.month)})`
    : `${formatMonth(cycle.month)} monthly cycle`;
}
