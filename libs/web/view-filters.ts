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

/**
 * The one place codes become words (issue 12): roles, audit and cycle states, cohorts. Pages
 * use these filters; code that builds a view model imports the same functions.
 */
export const ROLE_NAMES: Record<string, string> = {
  administrator: 'Administrator',
  director: 'Director',
  head_of_service: 'Head of service',
  senior_manager: 'Senior manager',
  team_manager: 'Team manager',
  advanced_practitioner: 'Advanced practitioner',
  iro: 'Independent reviewing officer',
  moderator: 'Moderator',
  social_worker: 'Social worker',
};

/** History names people `username (role)`: pages write the role in words. */
export function actorInWords(label: string): string {
  return label.replace(/\(([a-z_]+)\)$/, (_all, role: string) => `(${role.replaceAll('_', ' ')})`);
}

export function roleName(value: unknown): string {
  return typeof value === 'string' ? (ROLE_NAMES[value] ?? humanise(value)) : '';
}

/** Audit states as the lists say them: `allocated` is "Not started" everywhere, filters too. */
export const AUDIT_STATE_NAMES: Record<string, string> = {
  unallocated: 'Not allocated',
  allocated: 'Not started',
  inProgress: 'Draft',
  awaitingDiscussion: 'Waiting for discussion',
  submitted: 'Submitted',
  inModeration: 'In moderation',
  completed: 'Completed',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
};

export function auditStateName(value: unknown): string {
  return typeof value === 'string' ? (AUDIT_STATE_NAMES[value] ?? humanise(value)) : '';
}

/** A cycle's states: its `allocated` means the audits are out, so the cycle is open. */
export const CYCLE_STATE_NAMES: Record<string, string> = {
  draft: 'Draft',
  selected: 'Sample drawn',
  allocated: 'Open',
  closed: 'Closed',
};

export function cycleStateName(value: unknown): string {
  return typeof value === 'string' ? (CYCLE_STATE_NAMES[value] ?? humanise(value)) : '';
}

/** The four cohorts every council has (migration 1763830000001); others by their title. */
export const COHORT_NAMES: Record<string, string> = {
  CLA: 'Children looked after',
  CL: 'Care leavers',
  CP: 'Child protection',
  CIN: 'Child in need',
};

/**
 * A cohort code in words. A page that shows cohorts an administrator added passes their titles
 * as `cohortTitles` (code → title) in its view model; Nunjucks calls filters with the page's
 * context as `this`.
 */
export function cohortName(
  this: { ctx?: { cohortTitles?: Record<string, string> } } | void,
  value: unknown,
): string {
  if (typeof value !== 'string') return '';
  const titles = (this && this.ctx?.cohortTitles) ?? {};
  return titles[value] ?? COHORT_NAMES[value] ?? value;
}

/** A list of cohort codes in words, `null` or empty meaning every cohort. */
export function cohortNames(this: unknown, value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) return 'All cohorts';
  return value.map((code) => cohortName.call(this as never, code)).join(', ');
}

export const VIEW_FILTERS: Record<string, (value: unknown) => string> = {
  auditStateName,
  cohortName,
  cohortNames,
  cycleStateName,
  roleName,
  formatDate,
  formatDateTime,
  formatMonth,
  gradeLabel,
  gradeTagClass,
  humanise,
};
