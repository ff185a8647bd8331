import { Module } from '@nestjs/common';
import { SNAPSHOT_MIGRATIONS } from '../../../workflows/snapshot-migrations.js';
import { ActionsModule, OverdueJobScheduleModule } from '../../../libs/actions/index.js';
import { AdminModule } from '../../../libs/admin/index.js';
import { AuditToolsModule } from '../../../libs/audit-tools/index.js';
import { AuditsModule } from '../../../libs/audits/index.js';
import { AuthModule } from '../../../libs/auth/index.js';
import { ClockModule } from '../../../libs/clock/index.js';
import { CasesModule } from '../../../libs/cases/index.js';
import { CyclesModule } from '../../../libs/cycles/index.js';
import { HealthController } from '../../../libs/health/index.js';
import { LoggingModule } from '../../../libs/logging/index.js';
import { NotificationsModule } from '../../../libs/notifications/index.js';
import { OrgModule } from '../../../libs/org/index.js';
import { PeopleModule } from '../../../libs/people/index.js';
import { PersistenceModule } from '../../../libs/persistence/index.js';
import { WebModule } from '../../../libs/web/index.js';

@Module({
  imports: [
    LoggingModule,
    PersistenceModule.forRoot({ snapshotMigrations: SNAPSHOT_MIGRATIONS }),
    ClockModule,
    AuthModule,
    OrgModule,
    CasesModule,
    CyclesModule,
    AuditToolsModule,
    AuditsModule,
    ActionsModule,
    OverdueJobScheduleModule,
    WebModule,
    PeopleModule,
    AdminModule,
    NotificationsModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
