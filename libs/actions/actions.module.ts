import { Module } from '@nestjs/common';
import { featureEntities } from '../persistence/index.js';
import { ActionNotice } from './action-notice.entity.js';
import { Action } from './action.entity.js';
import { PlanItem } from './plan-item.entity.js';
import { PlanItemsModule } from './plan-items.module.js';
import { TRACKER_CONTROLLERS, TRACKER_IMPORTS, TRACKER_PROVIDERS } from './tracker-parts.js';

/** Audit actions tracked to closure, the plan items they cite, and the overdue job. */
@Module({
  imports: [featureEntities([PlanItem, Action, ActionNotice]), PlanItemsModule, ...TRACKER_IMPORTS],
  controllers: [...TRACKER_CONTROLLERS],
  providers: [...TRACKER_PROVIDERS],
  exports: [PlanItemsModule, ...TRACKER_PROVIDERS],
})
export class ActionsModule {}
