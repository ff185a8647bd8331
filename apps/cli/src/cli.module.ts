import { Module } from '@nestjs/common';
import { SNAPSHOT_MIGRATIONS } from '../../../workflows/snapshot-migrations.js';
import { ActionsModule, OverdueJobModule } from '../../../libs/actions/index.js';
import { AuditsModule } from '../../../libs/audits/index.js';
import { NotificationsModule } from '../../../libs/notifications/index.js';
import { ClockModule } from '../../../libs/clock/index.js';
import { CasesModule } from '../../../libs/cases/index.js';
import { CyclesModule } from '../../../libs/cycles/index.js';
import { DemoModule } from '../../../libs/demo/index.js';
import { PersistenceModule } from '../../../libs/persistence/index.js';

/** The operator's context: the same services as the API, no HTTP. */
@Module({
  imports: [
    PersistenceModule.forRoot({ snapshotMigrations: SNAPSHOT_MIGRATIONS }),
    ClockModule,
    CasesModule,
    CyclesModule,
    AuditsModule,
    ActionsModule,
    NotificationsModule,
    DemoModule,
    OverdueJobModule,
  ],
})
export class CliModule {}
