import { daysInMonth } from '../../common/calendar.js';
import { monthIndex } from './month.js';

/** The cycle's default deadline: the last day of its month (computed in place, so 9999-12 works too). */
export function lastDayOf(month: string): string {
  monthIndex(month);
  const [year, monthNumber] = month.split('-').map(Number);
  return `${month}-${daysInMonth(year, monthNumber)}`;
}
