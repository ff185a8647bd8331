import { isCalendarDate } from '../../common/index.js';

/** The register date as typed into the day, month and year boxes. */
export interface RegisterDateParts {
  day: string;
  month: string;
  year: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The boxes as posted; a form without them at all (a script's) means today, as the API does. */
export function registerDatePartsOf(body: Record<string, unknown>, today: string): RegisterDateParts {
  if (!['asOf-day', 'asOf-month', 'asOf-year'].some((name) => name in body)) return partsOfDate(today);
  return { day: text(body['asOf-day']), month: text(body['asOf-month']), year: text(body['asOf-year']) };
}

/** Today's date in the boxes, the form's default. */
export function partsOfDate(date: string): RegisterDateParts {
  const [year, month, day] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * The date the register describes, as the API takes it (YYYY-MM-DD, a real date, not after
 * today), or the words that say what is wrong with it.
 */
export function registerDateOf(
  parts: RegisterDateParts,
  today: string,
): { asOf: string; error?: undefined } | { asOf?: undefined; error: string } {
  const { day, month, year } = parts;
  if (!day && !month && !year) return { error: 'Enter the date the register describes' };
  const missing = (['day', 'month', 'year'] as const).filter((p) => !parts[p]);
  if (missing.length > 0) return { error: `The register date must include a ${missing.join(' and a ')}` };
  if (![day, month].every((p) => /^\d{1,2}$/.test(p)) || !/^\d{4}$/.test(year)) {
    return { error: 'The register date must be a real date, like 1 12 2026' };
  }
  const asOf = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isCalendarDate(asOf)) return { error: 'The register date must be a real date, like 1 12 2026' };
  if (asOf > today) return { error: 'The register date must be today or in the past' };
  return { asOf };
}
