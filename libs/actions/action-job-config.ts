import { DEFAULT_NOTICE_POLICY, type NoticePolicy } from './rules/notice-dates.js';

/** The overdue job's settings: when reminders, overdue notices and escalation go, and when it runs. */
export interface ActionJobConfig {
  policy: NoticePolicy;
  /** HH:MM, Europe/London: when the app runs the job each day. */
  time: string;
  /** Whether the app schedules the job (the CLI runs it on demand either way). */
  enabled: boolean;
}

/** The injection token for the settings in force (tests may provide their own). */
export const ACTION_JOB_CONFIG = Symbol('ACTION_JOB_CONFIG');

export const DEFAULT_ACTION_JOB_TIME = '07:00';

/**
 * ACTION_REMINDER_DAYS (one or two whole numbers of days before the due date, comma-separated,
 * default 7,1), ACTION_ESCALATE_AFTER_DAYS (days overdue, default 14), ACTION_JOB_TIME (HH:MM in
 * Europe/London, default 07:00) and ACTION_JOB_ENABLED (true or false; default true, except under
 * Jest, which sets NODE_ENV=test: a test moves time itself and runs the job when it wants). A value
 * that does not parse stops the start-up: a typo must not silently switch reminders off.
 */
export function actionJobConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ActionJobConfig {
  const set = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const wholeDays = (name: string, raw: string): number => {
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 365)
      throw new Error(`${name} must be whole numbers of days from 1 to 365, not ${JSON.stringify(raw)}`);
    return Number(raw);
  };
  const reminders = set('ACTION_REMINDER_DAYS');
  const reminderDays = reminders
    ? reminders.split(',').map((part) => wholeDays('ACTION_REMINDER_DAYS', part.trim()))
    : DEFAULT_NOTICE_POLICY.reminderDays;
  if (reminderDays.length > 2 || new Set(reminderDays).size !== reminderDays.length)
    throw new Error(
      `ACTION_REMINDER_DAYS must be one or two different numbers, not ${JSON.stringify(reminders)}`,
    );
  const escalate = set('ACTION_ESCALATE_AFTER_DAYS');
  const time = set('ACTION_JOB_TIME') ?? DEFAULT_ACTION_JOB_TIME;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
    throw new Error(`ACTION_JOB_TIME must be HH:MM (24-hour, Europe/London), not ${JSON.stringify(time)}`);
  const enabled = set('ACTION_JOB_ENABLED');
  if (enabled !== undefined && enabled !== 'true' && enabled !== 'false')
    throw new Error(`ACTION_JOB_ENABLED must be true or false, not ${JSON.stringify(enabled)}`);
  return {
    policy: {
      reminderDays,
      escalateAfterDays: escalate
        ? wholeDays('ACTION_ESCALATE_AFTER_DAYS', escalate)
        : DEFAULT_NOTICE_POLICY.escalateAfterDays,
    },
    time,
    enabled: enabled === undefined ? env.NODE_ENV !== 'test' : enabled === 'true',
  };
}
