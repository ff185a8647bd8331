/** Calendar months as `YYYY-MM` strings; dates as `YYYY-MM-DD`. No time zones involved. */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** `0000-01` … `9999-12`: the months a four-digit year can spell. */
const LAST_MONTH_INDEX = 9999 * 12 + 11;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** Months since year 0, so that month arithmetic is subtraction. */
export function monthIndex(month: string): number {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

export function addMonths(month: string, delta: number): string {
  const index = monthIndex(month) + delta;
  // Outside 0000-01..9999-12 the result would not be a month ("-001-00", "10000-01").
  if (!Number.isInteger(index) || index < 0 || index > LAST_MONTH_INDEX) {
    throw new RangeError(`${month} + ${delta} months is not a month (YYYY-MM)`);
  }
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function firstDayOf(month: string): string {
  monthIndex(month);
  return `${month}-01`;
}

/** The month of a `YYYY-MM-DD` date (or an ISO timestamp); anything else is a RangeError. */
export function monthOf(date: string): string {
  const month = date.slice(0, 7);
  if (!isMonth(month) || (date.length > 7 && date[7] !== '-')) {
    throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  }
  return month;
}
