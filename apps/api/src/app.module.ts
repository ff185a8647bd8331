import { Module } from '@nestjs/common';
import { AuditToolsModule } from '../../../libs/audit-tools/audit-tools.module.js';
import { AuditsModule } from '../../../libs/audits/audits.module.js';
import { AuthModule } from '../../../libs/auth/auth.module.js';
import { ClockModule } from '../../../libs/clock/index.js';
import { CasesModule } from '../../../libs/cases/cases.module.js';
import { CyclesModule } from '../../../libs/cycles/cycles.module.js';
import { HealthController } from '../../../libs/health/health.controller.js';
import { LoggingModule } from '../../../libs/logging/index.js';
import { OrgModule } from '../../../libs/org/org.module.js';
import { PersistenceModule } from '../../../libs/persistence/persistence.module.js';

@Module({
  imports: [
    LoggingModule,
    PersistenceModule,
    ClockModule,
    AuthModule,
    OrgModule,
    CasesModule,
    CyclesModule,
    AuditToolsModule,
    AuditsModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
