import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditToolsModule } from '../audit-tools/index.js';
import { NotificationsModule } from '../notifications/index.js';
import { featureEntities } from '../persistence/index.js';
import { AccessRecord } from './access-record.entity.js';
import { AuditCompliance } from './audit-compliance.entity.js';
import { AuditDomainGrade } from './audit-grade.entity.js';
import { AuditViewService } from './audit-view.service.js';
import { Audit } from './audit.entity.js';
import { AuditsController } from './audits.controller.js';
import { AuditAccessPageController } from './pages/audit-access.page-controller.js';
import { AuditsService } from './audits.service.js';
import { AuditClosure } from './audit-closure.js';
import { Escalation } from './escalation.entity.js';
import { EscalationsService } from './escalations.service.js';
import { Moderation } from './moderation.entity.js';
import { ModerationService } from './moderation.service.js';
import { AuditFormPages } from './pages/audit-form-pages.js';
import { AuditCheckPageController } from './pages/audit-check.page-controller.js';
import { AuditDiscussionPageController } from './pages/audit-discussion.page-controller.js';
import { AuditEscalationPageController } from './pages/audit-escalation.page-controller.js';
import { AuditGradingPageController } from './pages/audit-grading.page-controller.js';
import { AuditPageController } from './pages/audit.page-controller.js';
import { OversightService } from './oversight.service.js';
import { CaseAuditsPageController } from './pages/case-audits.page-controller.js';
import { EscalationsPageController } from './pages/escalations.page-controller.js';
import { ModerationPageController } from './pages/moderation.page-controller.js';
import { NavigationCountsInterceptor } from './pages/navigation-counts.interceptor.js';
import { OversightPageController } from './pages/oversight.page-controller.js';
import { TeamAuditsPageController } from './pages/team-audits.page-controller.js';
import { IdempotencyModule } from '../idempotency/index.js';

const providers = [
  AuditsService,
  AuditViewService,
  EscalationsService,
  ModerationService,
  OversightService,
  AuditClosure,
];
const pageProviders = [AuditFormPages];

/** Needs an AuditCycles provider (libs/cycles' module provides it) and AuditActions (libs/actions'). */
@Module({
  imports: [
    IdempotencyModule,
    NotificationsModule,
    AuditToolsModule,
    featureEntities([Audit, AuditDomainGrade, AuditCompliance, Moderation, Escalation, AccessRecord]),
  ],
  controllers: [
    AuditsController,
    AuditPageController,
    AuditGradingPageController,
    AuditDiscussionPageController,
    AuditEscalationPageController,
    AuditCheckPageController,
    ModerationPageController,
    EscalationsPageController,
    OversightPageController,
    CaseAuditsPageController,
    TeamAuditsPageController,
    AuditAccessPageController,
  ],
  providers: [
    ...providers,
    ...pageProviders,
    { provide: APP_INTERCEPTOR, useClass: NavigationCountsInterceptor },
  ],
  exports: [AuditsService, AuditViewService, AuditClosure],
})
export class AuditsModule {}
