import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Page } from '../../auth/index.js';
import { CasesImportService } from '../../cases/index.js';
import { Clock } from '../../clock/index.js';
import { DomainError, ErrorCode } from '../../common/index.js';
import { CycleReadsService, monthOf } from '../../cycles/index.js';
import { Role, Roles } from '../../org/index.js';
import { renderPage } from '../../web/index.js';
import { overviewView } from './admin-overview-view.js';

/** The administrator's start page: two cheap reads, the month's cycle figures and the last import. */
@ApiExcludeController()
@Page()
@Controller('admin')
export class AdminOverviewPageController {
  constructor(
    private readonly cycles: CycleReadsService,
    private readonly imports: CasesImportService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(Role.Administrator)
  async overview(@Res() response: Response): Promise<void> {
    const month = monthOf(this.clock.today());
    const [cycle, runs] = await Promise.all([
      this.cycles.showWhole({ monthlyKey: month }).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === ErrorCode.NotFound) return null;
        throw error;
      }),
      this.imports.runs({ page: 1, pageSize: 1 }),
    ]);
    renderPage(response, 'admin/views/admin-overview.njk', overviewView(month, cycle, runs));
  }
}
