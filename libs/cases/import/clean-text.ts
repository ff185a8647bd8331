/**
 * Values that mean "nothing here". Spreadsheet error literals are included because a lookup
 * column that failed (#N/A, #REF!) tells us no more than a blank cell does.
 */
const NULL_TOKENS = new Set([
  '',
  '#n/a',
  'n/a',
  'null',
  '-',
  '#ref!',
  '#value!',
  '#name?',
  '#div/0!',
  '#null!',
  '#num!',
]);

/** Words a council writes in the team or worker column when nobody holds the case. */
const UNALLOCATED = new Set(['unallocated', 'not allocated', 'awaiting allocation', 'no team', 'no worker']);

// \s (and trim) cover NBSP (\u00a0) and the BOM; zero-width spaces come in with copy-and-paste from the web.
const WHITESPACE = /[\s\u200b]+/g;
const NEEDS_COLLAPSE = /[^\S ]| {2}|\u200b/;
const CODE_PREFIX = /^[a-z][a-z0-9]?\)\s*(?=\S)/i;

/**
 * Trims, collapses runs of whitespace (including non-breaking spaces) to one space, and turns
 * the blank markers ('', '#N/A', 'N/A', 'NULL', '-') into null.
 */
export function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  // Fast path: most cells are already clean, and the CSV parser calls this for every field.
  const text = NEEDS_COLLAPSE.test(value) ? value.replace(WHITESPACE, ' ').trim() : value.trim();
  if (text.length <= 7 && NULL_TOKENS.has(text.toLowerCase())) return null;
  return text;
}

/** Like {@link cleanText}, and "Unallocated" (and its variants) also mean nobody: null. */
export function cleanAllocation(value: string | null | undefined): string | null {
  const text = cleanText(value);
  return text !== null && UNALLOCATED.has(text.toLowerCase()) ? null : text;
}

/**
 * Drops the option letter that Ofsted's Annex A template puts before coded values, so that
 * 'b) Female' and 'Female' read the same. The letter may be followed by a digit ('p1)').
 */
export function stripCodePrefix(value: string | null): string | null {
  return value === null ? null : value.replace(CODE_PREFIX, '');
}
