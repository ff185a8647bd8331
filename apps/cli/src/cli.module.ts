import { Module } from '@nestjs/common';
import { AuditsModule } from '../../../libs/audits/audits.module.js';
import { NotificationsModule } from '../../../libs/notifications/notifications.module.js';
import { ClockModule } from '../../../libs/clock/index.js';
import { CasesModule } from '../../../libs/cases/cases.module.js';
import { CyclesModule } from '../../../libs/cycles/cycles.module.js';
import { DemoModule } from '../../../libs/demo/demo.module.js';
import { PersistenceModule } from '../../../libs/persistence/persistence.module.js';

/** The operator's context: the same services as the API, no HTTP. */
@Module({
  imports: [
    PersistenceModule,
    ClockModule,
    CasesModule,
    CyclesModule,
    AuditsModule,
    NotificationsModule,
    DemoModule,
  ],
})
export class CliModule {}
