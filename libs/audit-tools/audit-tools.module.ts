import { Module } from '@nestjs/common';
import { OrgModule } from '../org/index.js';
import { featureEntities } from '../persistence/index.js';
import { AuditTool } from './audit-tool.entity.js';
import { AuditToolsController } from './audit-tools.controller.js';
import { AuditToolsService } from './audit-tools.service.js';
import { AuditToolChangesPageController } from './pages/audit-tool-changes.page-controller.js';
import { AuditToolEditorPageController } from './pages/audit-tool-editor.page-controller.js';
import { AuditToolJsonPageController } from './pages/audit-tool-json.page-controller.js';
import { AuditToolsPageController } from './pages/audit-tools.page-controller.js';
import { IdempotencyModule } from '../idempotency/index.js';

const providers = [AuditToolsService];

/** Versioned audit tools; the audits service uses the exported service to pin a version. */
@Module({
  imports: [IdempotencyModule, OrgModule, featureEntities([AuditTool])],
  controllers: [
    AuditToolsController,
    AuditToolsPageController,
    AuditToolChangesPageController,
    AuditToolEditorPageController,
    AuditToolJsonPageController,
  ],
  providers,
  exports: providers,
})
export class AuditToolsModule {}
