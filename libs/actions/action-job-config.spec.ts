import { actionJobConfigFromEnv } from './action-job-config.js';

describe("the overdue job's settings from the environment", () => {
  it('defaults: reminders 7 and 1 days before, escalation at 14, 07:00, on except under test', () => {
    expect(actionJobConfigFromEnv({})).toEqual({
      policy: { reminderDays: [7, 1], escalateAfterDays: 14 },
      time: '07:00',
      enabled: true,
    });
    expect(actionJobConfigFromEnv({ NODE_ENV: 'test' }).enabled).toBe(false);
  });

  it('reads each variable', () => {
    expect(
      actionJobConfigFromEnv({
        ACTION_REMINDER_DAYS: '10, 2',
        ACTION_ESCALATE_AFTER_DAYS: '21',
        ACTION_JOB_TIME: '06:30',
        ACTION_JOB_ENABLED: 'true',
        NODE_ENV: 'test',
      }),
    ).toEqual({ policy: { reminderDays: [10, 2], escalateAfterDays: 21 }, time: '06:30', enabled: true });
    expect(actionJobConfigFromEnv({ ACTION_REMINDER_DAYS: '3' }).policy.reminderDays).toEqual([3]);
    expect(actionJobConfigFromEnv({ ACTION_JOB_ENABLED: 'false' }).enabled).toBe(false);
  });

  it.each([
    ['ACTION_REMINDER_DAYS', '7,1,0'],
    ['ACTION_REMINDER_DAYS', '7,7'],
    ['ACTION_REMINDER_DAYS', 'seven'],
    ['ACTION_REMINDER_DAYS', '7,1,3'],
    ['ACTION_ESCALATE_AFTER_DAYS', '0'],
    ['ACTION_ESCALATE_AFTER_DAYS', '1.5'],
    ['ACTION_JOB_TIME', '7am'],
    ['ACTION_JOB_TIME', '24:00'],
    ['ACTION_JOB_ENABLED', 'yes'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => actionJobConfigFromEnv({ [name]: value })).toThrow(name);
  });
});
