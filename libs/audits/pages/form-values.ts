/** A form field's text: a repeated or missing field is no text (forms here post each name once). */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The three boxes of a GOV.UK date input. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export function partsOfDate(date: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  if (!match) return { day: '', month: '', year: '' };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] };
}

/**
 * `YYYY-MM-DD` for the API to judge; boxes left empty give '' and anything not a number is
 * passed on as typed, so the API's own rule refuses it in its own words.
 */
export function dateFromParts({ day, month, year }: DateParts): string {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!d && !m && !y) return '';
  const pad = (v: string) => (/^\d$/.test(v) ? `0${v}` : v);
  return `${y}-${pad(m)}-${pad(d)}`;
}
