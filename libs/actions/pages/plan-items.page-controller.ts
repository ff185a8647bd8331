import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { type AuthenticatedUser, CurrentUser, Page } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import { CreatesOnce } from '../../idempotency/index.js';
import { Role, Roles } from '../../org/index.js';
import {
  fieldError,
  formErrorsFrom,
  type FormErrors,
  redirectAfterPost,
  renderPage,
  validateInput,
} from '../../web/index.js';
import { NewPlanItemDto } from '../plan-items.dto.js';
import { PlanItemsService } from '../plan-items.service.js';
import { PLAN_READERS } from '../plan-readers.js';
import {
  isStale,
  missingFields,
  planFieldMap,
  type PlanItemForm,
  planItemForm,
  sourceItems,
  STALE_ITEM,
  statusOf,
} from './plan-item-form.js';
import { planItemsView } from './plan-items-view.js';

// A council's plan has tens of items, not thousands: one page shows them all.
const ALL = { page: 1, pageSize: 500 };

/** /admin/plan: the plan items with their RAG, and the administrator's add and change forms. */
@ApiExcludeController()
@Page()
@Controller('admin/plan')
export class PlanItemsPageController {
  constructor(private readonly items: PlanItemsService) {}

  @Get()
  @Roles(...PLAN_READERS)
  async list(
    @Query('done') done: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const page = await this.items.list(ALL, user);
    const notice = done === 'saved' ? 'The plan item has been saved.' : undefined;
    renderPage(response, 'actions/views/plan-items.njk', planItemsView(page, user.role, notice));
  }

  @Get('new')
  @Roles(Role.Administrator)
  newForm(@Res() response: Response): void {
    this.show(response, null, { reference: '', title: '', source: '', owner: '' }, null, 200);
  }

  @Post('new')
  @CreatesOnce()
  @Roles(Role.Administrator)
  async create(@Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const form = planItemForm(body);
    const missing = missingFields(form);
    if (missing) return this.show(response, null, form, missing, 422);
    try {
      await this.items.create(await validateInput(NewPlanItemDto, { ...form }));
      redirectAfterPost(response, '/admin/plan?done=saved');
    } catch (error) {
      this.show(response, null, form, formErrorsFrom(error, planFieldMap, 'reference'), statusOf(error));
    }
  }

  @Get(':id/edit')
  @Roles(Role.Administrator)
  async editForm(@Param('id', ParseIdPipe) id: number, @Res() response: Response): Promise<void> {
    const item = await this.items.get(id, null);
    this.show(response, item, item, null, 200);
  }

  @Post(':id/edit')
  @Roles(Role.Administrator)
  async edit(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const item = await this.items.get(id, null);
    const form = planItemForm(body);
    // The version the form was opened with; a form without one is refused as stale.
    const read = /^\d{1,9}$/.test(String(body.version)) ? Number(body.version) : 0;
    const missing = missingFields(form);
    if (missing) return this.show(response, { ...item, version: read }, form, missing, 422);
    try {
      await this.items.update(id, await validateInput(NewPlanItemDto, { ...form }), read);
      redirectAfterPost(response, '/admin/plan?done=saved');
    } catch (error) {
      // A stale form is shown again with what was typed and the version now stored, so saving
      // again (after checking) overwrites knowingly.
      if (isStale(error)) return this.show(response, item, form, fieldError('reference', STALE_ITEM), 409);
      const errors = formErrorsFrom(error, planFieldMap, 'reference');
      this.show(response, { ...item, version: read }, form, errors, statusOf(error));
    }
  }

  private show(
    response: Response,
    item: { id: number; reference: string; version: number } | null,
    form: PlanItemForm,
    errors: FormErrors | null,
    status: number,
  ): void {
    renderPage(
      response,
      'actions/views/plan-item-form.njk',
      {
        pageTitle: item ? `Change ${item.reference}` : 'Add a plan item',
        item,
        form,
        errors,
        sourceItems: sourceItems(form.source),
      },
      status,
    );
  }
}
