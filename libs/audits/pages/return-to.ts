/**
 * Where an audit's form goes back to after saving, when it was opened from a summary (GOV.UK's
 * "Check answers" pattern). Only a name from this list is accepted, never an address, so a crafted
 * link cannot send the auditor off the audit (an open redirect).
 */
const RETURN_PAGES = { check: 'check' } as const;

export type ReturnTo = keyof typeof RETURN_PAGES;

/** The posted or linked `returnTo`, if it names a page on the list. */
export function returnToOf(value: unknown): ReturnTo | null {
  return typeof value === 'string' && Object.hasOwn(RETURN_PAGES, value) ? (value as ReturnTo) : null;
}

/** The page to go back to on the audit at `base`, or `fallback` when there is none. */
export function returnHref(base: string, value: unknown, fallback: string = base): string {
  const to = returnToOf(value);
  return to ? `${base}/${RETURN_PAGES[to]}` : fallback;
}

/** The address of a form on the audit that comes back to `to` after saving (add `#field-id`). */
export function formHref(base: string, form: string, to: ReturnTo = 'check'): string {
  return `${base}/${form}?returnTo=${to}`;
}
