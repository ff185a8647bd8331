import {
  CALENDAR_RANGE,
  FIRST_YEAR,
  isCalendarDate,
  isCalendarMonth,
  LAST_YEAR,
} from '../../common/calendar.js';
import type { FieldProblem } from '../../common/domain-error.js';
import { firstDayOf } from './month.js';
import { lastDayOf } from './last-day-of.js';

export interface CycleDates {
  month: string;
  asOf?: string;
  deadline?: string;
}

/**
 * What is impossible about a cycle's dates: a month outside 2000-01..2099-12, an as-of date
 * that is not a real date in the cycle's month (the register is read as it stood that month),
 * or a deadline that is not a real date or falls before the as-of date.
 */
export function cycleDateProblems({ month, asOf, deadline }: CycleDates): FieldProblem[] {
  if (!isCalendarMonth(month)) {
    return [{ field: 'month', message: `must be a month YYYY-MM from ${FIRST_YEAR}-01 to ${LAST_YEAR}-12` }];
  }
  const problems: FieldProblem[] = [];
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  if (asOf !== undefined) {
    if (!isCalendarDate(asOf)) {
      problems.push({ field: 'asOf', message: `must be a real date YYYY-MM-DD from ${CALENDAR_RANGE}` });
    } else if (asOf < first || asOf > last) {
      problems.push({ field: 'asOf', message: `must be a date in ${month} (${first} to ${last})` });
    }
  }
  if (deadline !== undefined) {
    const start = asOf !== undefined && isCalendarDate(asOf) ? asOf : first;
    if (!isCalendarDate(deadline)) {
      problems.push({ field: 'deadline', message: `must be a real date YYYY-MM-DD from ${CALENDAR_RANGE}` });
    } else if (deadline < start) {
      problems.push({ field: 'deadline', message: `must not be before the cycle starts (${start})` });
    }
  }
  return problems;
}
