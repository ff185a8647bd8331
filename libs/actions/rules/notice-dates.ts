import type { NoticeStep } from '../action-notice.entity.js';

/**
 * When the overdue job tells people about an action, as calendar days in Europe/London: the job
 * passes today's London day (Clock.today()), the action's due date is a London day already, and
 * the arithmetic below is on dates alone, so a British Summer Time change moves nothing.
 */
export interface NoticePolicy {
  /** Reminders before the due date, in days: the larger is reminder-early, the smaller reminder-last. */
  reminderDays: readonly number[];
  /** Days overdue at which the head of service is told. */
  escalateAfterDays: number;
}

export const DEFAULT_NOTICE_POLICY: NoticePolicy = { reminderDays: [7, 1], escalateAfterDays: 14 };

const DAY_MS = 24 * 60 * 60 * 1000;
const toUtc = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));

/** The day `days` calendar days after `day` (before, if negative). */
export function addDays(day: string, days: number): string {
  return new Date(toUtc(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to`: 1 from a due date to the day after it. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** The reminder days as [early, last]: early is null when only one reminder is configured. */
function reminderBounds(policy: NoticePolicy): { early: number | null; last: number } | null {
  const days = [...new Set(policy.reminderDays)].sort((a, b) => b - a);
  if (days.length === 0) return null;
  return { early: days.length > 1 ? days[0] : null, last: days[days.length - 1] };
}

/** An inclusive range of due dates (`from` null: no lower bound). */
export interface DueWindow {
  from: string | null;
  to: string;
}

/**
 * For each step, the due dates for which it is due today; null when the policy has no such step.
 * The windows of the two reminders do not overlap and neither reaches an overdue action, so a
 * job that missed days catches up with the one step that still makes sense: a reminder that is
 * already past is not sent late (reminder-early is not sent once reminder-last is due, and no
 * reminder goes once the action is overdue). Overdue and escalated are both sent on catch-up: they
 * go to different people, and an action 20 days overdue that no manager was told of still needs
 * the manager told.
 */
export function noticeWindows(today: string, policy: NoticePolicy): Record<NoticeStep, DueWindow | null> {
  const reminders = reminderBounds(policy);
  return {
    'reminder-early':
      reminders?.early != null
        ? { from: addDays(today, reminders.last + 1), to: addDays(today, reminders.early) }
        : null,
    'reminder-last': reminders ? { from: addDays(today, 1), to: addDays(today, reminders.last) } : null,
    // The day after the due date is the first overdue day.
    overdue: { from: null, to: addDays(today, -1) },
    escalated: { from: null, to: addDays(today, -policy.escalateAfterDays) },
  };
}

export function inWindow(dueOn: string, window: DueWindow | null): boolean {
  return window !== null && (window.from === null || dueOn >= window.from) && dueOn <= window.to;
}

/** The steps due today for an action due on `dueOn` whose work is still owed, in the order they go. */
export function noticeStepsDue(today: string, dueOn: string, policy: NoticePolicy): NoticeStep[] {
  const windows = noticeWindows(today, policy);
  return (Object.keys(windows) as NoticeStep[]).filter((step) => inWindow(dueOn, windows[step]));
}

/** Days overdue on `today` (0 or less: not overdue). */
export function daysOverdue(today: string, dueOn: string): number {
  return daysBetween(dueOn, today);
}
