import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { REALLOCATABLE_STATES } from '../../audits/index.js';
import { type AuthenticatedUser, CurrentUser, Page } from '../../auth/index.js';
import { ParseIdPipe, pageRequest } from '../../common/index.js';
import { Role, Roles } from '../../org/index.js';
import {
  type FormErrors,
  formErrorsFrom,
  type PageView,
  type PagingLinks,
  pagingLinks,
  renderPage,
  validateInput,
} from '../../web/index.js';
import type { AuditLine, CycleDocument } from '../cycle-document.js';
import { CycleReadsService } from '../cycle-reads.service.js';
import { CycleAuditsQueryDto } from '../cycles.dto.js';
import { cycleTitle } from './cycle.page-controller.js';
import { formStatus } from './new-cycle-form.js';

interface ReallocateSearchView extends PageView {
  cycle: CycleDocument;
  cycleTitle: string;
  caseRef: string;
  /** False until a reference is searched for. */
  searched: boolean;
  found: (AuditLine & { canReallocate: boolean })[];
  total: number;
  pagination: PagingLinks | null;
}

/**
 * Finding the audit to reallocate by its case reference, rather than paging through the cycle.
 * The search is the cycle's audit list narrowed in SQL, so it reads only what the one read rule
 * lets the administrator read (libs/audits/audit-access.ts).
 */
@ApiExcludeController()
@Page()
@Controller()
export class ReallocateSearchPageController {
  constructor(private readonly reads: CycleReadsService) {}

  @Get('admin/cycles/:id/reallocate')
  @Roles(Role.Administrator)
  async search(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const cycle = await this.reads.showWhole({ id });
    const caseRef = typeof query.caseRef === 'string' ? query.caseRef : '';
    const view: ReallocateSearchView = {
      pageTitle: 'Find an audit to reallocate',
      cycle,
      cycleTitle: cycleTitle(cycle),
      caseRef,
      searched: false,
      found: [],
      total: 0,
      pagination: null,
    };
    let errors: FormErrors | null = null;
    let status = 200;
    try {
      const asked = await validateInput(CycleAuditsQueryDto, { caseRef, page: query.page });
      if (asked.caseRef?.trim()) {
        const page = await this.reads.audits(id, pageRequest(asked), { caseRef: asked.caseRef }, user);
        view.searched = true;
        view.found = page.items.map((a) => ({ ...a, canReallocate: REALLOCATABLE_STATES.includes(a.state) }));
        view.total = page.total;
        view.pagination = pagingLinks(page, `/admin/cycles/${id}/reallocate`, { caseRef });
      }
    } catch (error) {
      errors = formErrorsFrom(error, { idFor: () => 'caseRef' }, 'caseRef');
      status = formStatus(error);
    }
    renderPage<ReallocateSearchView>(
      response,
      'cycles/views/reallocate-search.njk',
      { ...view, errors },
      status,
    );
  }
}
