import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/index.js';
import { PlanItemsPageController } from './pages/plan-items.page-controller.js';
import { PlanItemsController } from './plan-items.controller.js';
import { PlanItemsService } from './plan-items.service.js';

const controllers = [PlanItemsController, PlanItemsPageController];
const providers = [PlanItemsService];

/** The improvement-plan items the actions cite, with their RAG: the API and /admin/plan. */
@Module({
  imports: [IdempotencyModule],
  controllers,
  providers,
  exports: [PlanItemsService],
})
export class PlanItemsModule {}
