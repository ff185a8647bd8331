import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/index.js';
import { AdminOverviewPageController } from './pages/admin-overview.page-controller.js';

/** The administrator's overview (/admin): this month's cycle and the last register import. */
@Module({
  imports: [CasesModule],
  controllers: [AdminOverviewPageController],
})
export class AdminModule {}
