const LONDON = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});
const monthFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** `2026-12-15` or an ISO timestamp → `15 December 2026`, as GOV.UK writes dates. */
export function formatDate(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/** An ISO timestamp → `15 December 2026 at 10:00am` (UK time). */
export function formatDateTime(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${dateFormat.format(date)} at ${timeFormat.format(date).replace(' ', '').toLowerCase()}`;
}

/** `2026-12` → `December 2026`. */
export function formatMonth(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}$/.test(value))
    return typeof value === 'string' ? value : '';
  return monthFormat.format(new Date(`${value}-01T00:00:00Z`));
}

const GRADES: Record<string, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
};

export function gradeLabel(value: unknown): string {
  return typeof value === 'string' ? (GRADES[value] ?? value) : '';
}

/** GOV.UK tag colours for grades: the colour is never the only sign, the words say it too. */
export function gradeTagClass(value: unknown): string {
  const colours: Record<string, string> = {
    outstanding: 'govuk-tag--green',
    good: 'govuk-tag--turquoise',
    requires_improvement: 'govuk-tag--yellow',
    inadequate: 'govuk-tag--red',
  };
  return typeof value === 'string' ? (colours[value] ?? 'govuk-tag--grey') : 'govuk-tag--grey';
}

/** A machine state or snake_case value → words: `awaiting_discussion` → `Awaiting discussion`. */
export function humanise(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const words = value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const VIEW_FILTERS: Record<string, (value: unknown) => string> = {
  formatDate,
  formatDateTime,
  formatMonth,
  gradeLabel,
  gradeTagClass,
  humanise,
};
