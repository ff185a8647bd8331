import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf, type AuthenticatedUser, CurrentUser, Page } from '../../auth/index.js';
import { Clock } from '../../clock/index.js';
import { DomainError, ErrorCode, PageQueryDto, pageRequest } from '../../common/index.js';
import { Role, Roles } from '../../org/index.js';
import {
  type FormErrors,
  type PageView,
  type PagingLinks,
  pagingLinks,
  redirectAfterPost,
  renderPage,
  validateInput,
} from '../../web/index.js';
import { defaultTier3Count, type ResolvedCycleRequest } from '../cycle-draw.js';
import type { CyclePreview } from '../cycle-preview.js';
import { type CycleListItem, CycleReadsService } from '../cycle-reads.service.js';
import { OpenCycleDto } from '../cycles.dto.js';
import { type CycleChoices, CyclesService } from '../cycles.service.js';
import {
  formStatus,
  newCycleErrors,
  type NewCycleValues,
  requestOf,
  valuesFromSettings,
  valuesOf,
} from './new-cycle-form.js';
import { CreatesOnce } from '../../idempotency/index.js';

interface CyclesView extends PageView {
  cycles: CycleListItem[];
  total: number;
  pagination: PagingLinks | null;
  thisMonth: string;
  thisMonthsCycleId: number | null;
}

interface NewCycleView extends PageView {
  values: NewCycleValues;
  choices: CycleChoices;
}

interface PreviewView extends PageView {
  preview: CyclePreview;
  /** The resolved request and the digest, sent back whole by "Confirm and open". */
  confirmation: string;
  changeHref: string;
}

/** The administrator's cycles: the list, and opening one after a preview of its sample. */
@ApiExcludeController()
@Page()
@Controller()
export class CyclesPageController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly reads: CycleReadsService,
    private readonly clock: Clock,
  ) {}

  @Get('admin/cycles')
  @Roles(Role.Administrator)
  async list(
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const thisMonth = this.clock.today().slice(0, 7);
    const page = await this.reads.list(pageRequest(query), user);
    renderPage<CyclesView>(response, 'cycles/views/cycles.njk', {
      pageTitle: 'Cycles',
      cycles: page.items,
      total: page.total,
      pagination: pagingLinks(page, '/admin/cycles'),
      thisMonth,
      thisMonthsCycleId: await this.reads.monthlyCycleId(thisMonth),
    });
  }

  @Get('admin/cycles/new')
  @Roles(Role.Administrator)
  async newCycle(@Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    await this.showForm(response, valuesOf(query, this.defaults()), null, 200);
  }

  /** A GET: the preview writes nothing, so it is a read the browser may repeat or bookmark. */
  @Get('admin/cycles/preview')
  @Roles(Role.Administrator)
  async preview(@Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const values = valuesOf(query, this.defaults());
    const { request, errors } = requestOf(values);
    if (errors) return this.showForm(response, values, errors, 422);
    try {
      const preview = await this.cycles.preview(await validateInput(OpenCycleDto, request));
      const changeHref = `/admin/cycles/new?${new URLSearchParams(query as Record<string, string>)}`;
      renderPage<PreviewView>(response, 'cycles/views/cycle-preview.njk', {
        pageTitle: 'Check the sample before you open the cycle',
        preview,
        confirmation: JSON.stringify({ ...preview.settings, previewDigest: preview.previewDigest }),
        changeHref,
      });
    } catch (error) {
      await this.showForm(response, values, newCycleErrors(error), formStatus(error));
    }
  }

  @Post('admin/cycles')
  @CreatesOnce()
  @Roles(Role.Administrator)
  async confirm(
    @Body() form: { confirmation?: unknown },
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const settings = parseConfirmation(form.confirmation);
    try {
      const opened = await this.cycles.open(await validateInput(OpenCycleDto, settings), actorOf(user));
      redirectAfterPost(response, `/admin/cycles/${opened.id}?opened=1`);
    } catch (error) {
      const errors = newCycleErrors(error);
      await this.showForm(response, valuesFromSettings(settings), errors, formStatus(error));
    }
  }

  private defaults() {
    return { month: this.clock.today().slice(0, 7), tier3Count: defaultTier3Count() };
  }

  private async showForm(
    response: Response,
    values: NewCycleValues,
    errors: FormErrors | null,
    status: number,
  ): Promise<void> {
    renderPage<NewCycleView>(
      response,
      'cycles/views/new-cycle.njk',
      { pageTitle: 'Open a cycle', values, errors, choices: await this.cycles.scopeChoices() },
      status,
    );
  }
}

/** The preview's settings as its confirmation form sent them back. */
function parseConfirmation(value: unknown): Partial<ResolvedCycleRequest> & Record<string, unknown> {
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : null;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      // Nulls are the preview's "not set": the API takes them as absent.
      return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== null));
    }
  } catch {
    // fall through
  }
  throw new DomainError(ErrorCode.BadRequest, 'the confirmation was not a preview: preview the cycle again');
}
