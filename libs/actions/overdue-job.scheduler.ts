import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Clock } from '../clock/index.js';
import { ACTION_JOB_CONFIG, type ActionJobConfig } from './action-job-config.js';
import { OverdueJobService } from './overdue-job.service.js';
import { nextRunAt } from './rules/next-run.js';

/**
 * Runs the overdue job once a day at ACTION_JOB_TIME (Europe/London) in every app instance: the
 * timer only says when to try; the database claims make sure each notice goes once however many
 * instances try. One setTimeout at a time, worked out again after each run from the Clock, so
 * a change of the clocks moves the run with London's mornings. On shutdown the timer is cleared
 * and a run in flight finishes first: onModuleDestroy comes before the database closes (the Db's
 * beforeApplicationShutdown), so no handle stays open and no run loses its connection midway.
 */
@Injectable()
export class OverdueJobScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OverdueJobScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private next: Date | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly job: OverdueJobService,
    private readonly clock: Clock,
    @Inject(ACTION_JOB_CONFIG) private readonly config: ActionJobConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.enabled) this.schedule();
  }

  /** When the next run is due, or null when none is scheduled. */
  get nextRun(): Date | null {
    return this.timer ? this.next : null;
  }

  private schedule(): void {
    if (this.stopped) return;
    // A minute on, so a timer that fires a hair early never schedules the same morning twice.
    const now = this.clock.now();
    this.next = nextRunAt(new Date(now.getTime() + 60_000), this.config.time);
    this.timer = setTimeout(() => this.fire(), this.next.getTime() - now.getTime());
    // The HTTP server keeps the process alive; the timer alone should not.
    this.timer.unref();
  }

  private fire(): void {
    this.timer = null;
    this.running = this.job
      .runAndDeliver()
      .then(() => undefined)
      .catch((error: unknown) => {
        // The next run catches up: claims make a re-run safe.
        this.logger.error(`overdue job failed: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(() => {
        this.running = null;
        this.schedule();
      });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
