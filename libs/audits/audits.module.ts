import { Module } from '@nestjs/common';
import { AuditToolsModule } from '../audit-tools/audit-tools.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AuditViewService } from './audit-view.service.js';
import { AuditsController } from './audits.controller.js';
import { AuditsService } from './audits.service.js';
import { EscalationsService } from './escalations.service.js';
import { ModerationService } from './moderation.service.js';

const providers = [AuditsService, AuditViewService, EscalationsService, ModerationService];

@Module({
  imports: [NotificationsModule, AuditToolsModule],
  controllers: [AuditsController],
  providers,
  exports: [AuditsService, AuditViewService],
})
export class AuditsModule {}
