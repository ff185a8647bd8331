import type { ProposedAction } from '../audit-draft.js';
import { isBlank } from './blank-text.js';
import { daysInMonth, isCalendarDate } from './calendar.js';
import type { RuleProblem } from './grading-problems.js';

/**
 * The rules an action's owner, due date and reasons must meet: when an audit raises it (each
 * draft save and the submission) and when a manager reassigns it or moves its date. Pure, so the
 * service fetches the facts (today from the Clock, the owner's row) and the rule only judges.
 */

/** The same day a year on; 29 February, in a year without one, is 28 February. */
export function oneYearAfter(today: string): string {
  const [year, month, day] = today.split('-').map(Number);
  const last = daysInMonth(year + 1, month);
  return `${year + 1}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** A due date from today (Europe/London) to a year ahead, both included. */
export function dueDateProblems(field: string, dueOn: unknown, today: string): RuleProblem[] {
  if (!isCalendarDate(dueOn)) {
    return [{ rule: 'due-date-real', field, message: 'the due date must be a real date YYYY-MM-DD' }];
  }
  if (dueOn < today) {
    return [
      { rule: 'due-date-not-past', field, message: `the due date cannot be in the past (today is ${today})` },
    ];
  }
  const latest = oneYearAfter(today);
  if (dueOn > latest) {
    return [
      {
        rule: 'due-date-within-a-year',
        field,
        message: `the due date must be no more than a year ahead (${latest} at the latest)`,
      },
    ];
  }
  return [];
}

/** What the owner rule needs to know of a user; `localityId` is theirs, or else their team's. */
export interface OwnerFacts {
  id: number;
  active: boolean;
  localityId: number | null;
}

/** An owner is an active user who works in the case's locality (undefined: no such user). */
export function ownerProblems(
  field: string,
  owner: OwnerFacts | undefined,
  caseLocalityId: number | null,
): RuleProblem[] {
  if (owner === undefined || !owner.active) {
    return [{ rule: 'owner-active-user', field, message: 'the owner must be an active user' }];
  }
  // A case whose team has no locality yet (imported, not placed) has no locality rule to apply.
  if (caseLocalityId !== null && owner.localityId !== caseLocalityId) {
    return [{ rule: 'owner-in-locality', field, message: 'the owner must work in the case’s locality' }];
  }
  return [];
}

/** A reason or note someone could read: spaces alone say nothing. */
export function textProblems(field: string, text: unknown, what = 'a reason'): RuleProblem[] {
  return isBlank(text) ? [{ rule: 'text-given', field, message: `give ${what}: it cannot be blank` }] : [];
}

/** What the raising rules need: today, the case's locality and each named owner (by id). */
export interface RaiseFacts {
  today: string;
  caseLocalityId: number | null;
  owners: ReadonlyMap<number, OwnerFacts>;
  /** The plan items that exist, of those the actions cite. */
  planItems?: ReadonlySet<number>;
}

/**
 * The owner and due date of each proposed action, as far as it has them (a draft may still lack
 * an owner: the grading rules ask for one before the audit is submitted).
 */
export function proposedActionProblems(actions: readonly ProposedAction[], facts: RaiseFacts): RuleProblem[] {
  return actions.flatMap((action, i) => [
    ...(action.ownerId == null
      ? []
      : ownerProblems(`actions.${i}.ownerId`, facts.owners.get(action.ownerId), facts.caseLocalityId)),
    ...(isCalendarDate(action.dueOn) ? dueDateProblems(`actions.${i}.dueOn`, action.dueOn, facts.today) : []),
    ...(action.planItemId == null || facts.planItems?.has(action.planItemId)
      ? []
      : [
          {
            rule: 'plan-item-known',
            field: `actions.${i}.planItemId`,
            message: 'there is no such plan item',
          },
        ]),
  ]);
}
