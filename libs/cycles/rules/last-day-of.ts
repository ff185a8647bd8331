import { addMonths, firstDayOf } from './month.js';

/** The cycle's default deadline: the last day of its month. */
export function lastDayOf(month: string): string {
  const next = new Date(`${firstDayOf(addMonths(month, 1))}T00:00:00Z`);
  return new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
}
