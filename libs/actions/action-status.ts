import { ActionTag, actionMachine } from '../../workflows/action.machine.js';
import { statesTagged } from '../../workflows/state-tags.js';

/** Every action state, in the machine's order. */
export const ACTION_STATES = Object.keys(actionMachine.states);

/** Work is owed by the owner: the states where a due date can pass (the overdue rule's states). */
export const WORK_OWED_STATES = statesTagged(actionMachine, ActionTag.WorkOwed);
export const OPEN_STATES = statesTagged(actionMachine, ActionTag.Open);
export const AWAITING_VERIFICATION_STATES = statesTagged(actionMachine, ActionTag.AwaitingVerification);

/**
 * The tracker's status groups, in a manager's words. `open` is every action not yet resolved
 * (the machine's Open tag), not the `open` state ("Not started"): filter by `state` for that.
 */
export const STATUS_GROUPS = ['open', 'overdue', 'awaiting-verification', 'closed', 'cancelled'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

export const STATUS_GROUP_NAMES: Record<StatusGroup, string> = {
  open: 'Open (not yet closed)',
  overdue: 'Overdue',
  'awaiting-verification': 'Awaiting verification',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/** The states of a group; `overdue` is the work-owed states with a due date before today. */
export function statesOfGroup(group: StatusGroup): string[] {
  switch (group) {
    case 'open':
      return OPEN_STATES;
    case 'overdue':
      return WORK_OWED_STATES;
    case 'awaiting-verification':
      return AWAITING_VERIFICATION_STATES;
    case 'closed':
      return ['closed'];
    case 'cancelled':
      return ['cancelled'];
  }
}

/** A state in the words a manager uses, with a GOV.UK tag colour (the words carry the meaning). */
const STATE_TAGS: Record<string, { text: string; classes: string }> = {
  open: { text: 'Not started', classes: 'govuk-tag--grey' },
  inProgress: { text: 'In progress', classes: 'govuk-tag--blue' },
  done: { text: 'Awaiting verification', classes: 'govuk-tag--purple' },
  verified: { text: 'Verified', classes: 'govuk-tag--turquoise' },
  closed: { text: 'Closed', classes: 'govuk-tag--green' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--orange' },
};

export function actionStateTag(state: string): { text: string; classes: string } {
  return STATE_TAGS[state] ?? { text: state, classes: 'govuk-tag--grey' };
}

export function actionStateName(state: string): string {
  return actionStateTag(state).text;
}

/** Days are Europe/London calendar days written YYYY-MM-DD; their difference needs no time zone. */
function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** `day` moved by `days` calendar days (negative goes back). */
export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** How an action stands against its due date on `today`: overdue, due soon, or neither. */
export interface Timeliness {
  /** Days past the due date while work is owed; 0 when not overdue. */
  daysOverdue: number;
  overdue: boolean;
  /** Work owed and due today or within `soonDays`. */
  dueSoon: boolean;
}

/** Due within this many days (today included) counts as "due soon" on the tracker. */
export const DUE_SOON_DAYS = 7;

export function timeliness(
  state: string,
  dueOn: string,
  today: string,
  soonDays = DUE_SOON_DAYS,
): Timeliness {
  if (!WORK_OWED_STATES.includes(state)) return { daysOverdue: 0, overdue: false, dueSoon: false };
  const late = daysBetween(dueOn, today);
  if (late > 0) return { daysOverdue: late, overdue: true, dueSoon: false };
  return { daysOverdue: 0, overdue: false, dueSoon: -late <= soonDays };
}
