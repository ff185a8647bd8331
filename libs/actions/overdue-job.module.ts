import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/index.js';
import { ACTION_JOB_CONFIG, actionJobConfigFromEnv } from './action-job-config.js';
import { OverdueJobScheduler } from './overdue-job.scheduler.js';
import { OverdueJobService } from './overdue-job.service.js';

const config = { provide: ACTION_JOB_CONFIG, useFactory: () => actionJobConfigFromEnv() };

/** The overdue job on demand: the CLI's `jobs run overdue`. */
@Module({
  imports: [NotificationsModule],
  providers: [config, OverdueJobService],
  exports: [OverdueJobService, ACTION_JOB_CONFIG],
})
export class OverdueJobModule {}

/** The job and its daily timer: the app only (a CLI run must not leave a timer behind). */
@Module({
  imports: [OverdueJobModule],
  providers: [OverdueJobScheduler],
})
export class OverdueJobScheduleModule {}
