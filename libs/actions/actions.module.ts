import { Global, Module } from '@nestjs/common';
import { AuditActions, AuditsModule } from '../audits/index.js';
import { NotificationsModule } from '../notifications/index.js';
import { featureEntities } from '../persistence/index.js';
import { ActionNotice } from './action-notice.entity.js';
import { Action } from './action.entity.js';
import { ActionsForAudits } from './actions-for-audits.js';
import { ActionsController } from './actions.controller.js';
import { ActionsService } from './actions.service.js';
import { PlanItem } from './plan-item.entity.js';
import { PlanItemsModule } from './plan-items.module.js';
import { TRACKER_CONTROLLERS, TRACKER_IMPORTS, TRACKER_PROVIDERS } from './tracker-parts.js';

const auditActions = { provide: AuditActions, useClass: ActionsForAudits };

/**
 * Audit actions tracked to closure, the plan items they cite, and the overdue job. Global only
 * for the AuditActions port: audits raise actions at submission but may not import this feature.
 */
@Global()
@Module({
  imports: [
    AuditsModule,
    NotificationsModule,
    featureEntities([PlanItem, Action, ActionNotice]),
    PlanItemsModule,
    ...TRACKER_IMPORTS,
  ],
  controllers: [ActionsController, ...TRACKER_CONTROLLERS],
  providers: [ActionsService, auditActions, ...TRACKER_PROVIDERS],
  exports: [ActionsService, auditActions, PlanItemsModule, ...TRACKER_PROVIDERS],
})
export class ActionsModule {}
