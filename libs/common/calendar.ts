/**
 * The calendar the API and CLI accept: real dates `YYYY-MM-DD` and months `YYYY-MM` from
 * 2000-01 to 2099-12. Audits, cycles and their deadlines all fall in this century; anything
 * outside it is a typo (`0202-12`, `9999-12`) that would otherwise reach date arithmetic.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2099;
export const CALENDAR_RANGE = `${FIRST_YEAR}-01-01 to ${LAST_YEAR}-12-31`;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

const inRange = (year: number, month: number) =>
  year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12;

/** A month `YYYY-MM` in the accepted range. */
export function isCalendarMonth(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = MONTH.exec(value);
  return match !== null && inRange(Number(match[1]), Number(match[2]));
}

/** A date `YYYY-MM-DD` that exists (no 30 February) in the accepted range. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return inRange(year, month) && day >= 1 && day <= daysInMonth(year, month);
}
