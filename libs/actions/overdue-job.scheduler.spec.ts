import { FixedClock } from '../clock/index.js';
import type { ActionJobConfig } from './action-job-config.js';
import { OverdueJobScheduler } from './overdue-job.scheduler.js';
import type { OverdueJobService } from './overdue-job.service.js';

const config = (enabled: boolean): ActionJobConfig => ({
  policy: { reminderDays: [7, 1], escalateAfterDays: 14 },
  time: '07:00',
  enabled,
});

describe("the overdue job's daily timer", () => {
  const job = { runAndDeliver: async () => ({ reminded: 0, overdue: 0, escalated: 0 }) };

  it('schedules the next 07:00 in London and leaves no timer behind on shutdown', async () => {
    const clock = new FixedClock('2027-06-10T12:00:00Z');
    const scheduler = new OverdueJobScheduler(job as unknown as OverdueJobService, clock, config(true));
    scheduler.onApplicationBootstrap();
    expect(scheduler.nextRun?.toISOString()).toBe('2027-06-11T06:00:00.000Z'); // 07:00 BST
    await scheduler.onModuleDestroy();
    expect(scheduler.nextRun).toBeNull();
  });

  it('schedules nothing when ACTION_JOB_ENABLED is false (as under test)', async () => {
    const scheduler = new OverdueJobScheduler(
      job as unknown as OverdueJobService,
      new FixedClock('2027-01-10T12:00:00Z'),
      config(false),
    );
    scheduler.onApplicationBootstrap();
    expect(scheduler.nextRun).toBeNull();
    await scheduler.onModuleDestroy();
  });
});
