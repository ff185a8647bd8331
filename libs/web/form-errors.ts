import { DomainError, ErrorCode } from '../common/index.js';

export interface ErrorSummaryItem {
  text: string;
  href: string;
}

/** What a form page shows when its command is refused: the summary, and each field's message. */
export interface FormErrors {
  summary: ErrorSummaryItem[];
  fields: Record<string, { text: string }>;
}

export interface FieldMap {
  /** The form element's id for an API field name (`grades.2.grade` → `grade-safety`). */
  idFor: (field: string) => string | undefined;
  /** Words for a field's name; the API's message follows it. */
  labelFor?: (field: string) => string | undefined;
  /**
   * The whole message in the page's words, for a rule the API words for its own callers
   * (`grade must be one of …` → `Select a grade for Safety`); undefined keeps the API's, after the label.
   */
  messageFor?: (field: string, message: string) => string | undefined;
}

const CLIENT_ERRORS = new Set([
  ErrorCode.Validation,
  ErrorCode.BadRequest,
  ErrorCode.Conflict,
  ErrorCode.IllegalTransition,
  ErrorCode.StaleUpdate,
  ErrorCode.FileFormat,
]);

const STALE_UPDATE =
  'Someone else saved this audit after you opened it. Your changes are shown: check them and save again.';

/** A refusal the person can act on, as a form's errors; anything else is rethrown to the error page. */
export function formErrorsFrom(error: unknown, map: FieldMap, fallbackId: string): FormErrors {
  if (!(error instanceof DomainError) || !CLIENT_ERRORS.has(error.code)) throw error;
  // Said once, in the page's words: the API's own ("audit 47 was changed…") names no case.
  if (error.code === ErrorCode.StaleUpdate) return fieldError(fallbackId, STALE_UPDATE);
  const problems = error.details.errors?.length
    ? error.details.errors
    : [{ field: '', message: error.message }];
  const fields: FormErrors['fields'] = {};
  const summary: ErrorSummaryItem[] = [];
  for (const { field, message } of problems) {
    const id = (field && map.idFor(field)) || fallbackId;
    const worded = field ? map.messageFor?.(field, message) : undefined;
    const label = field && !worded ? map.labelFor?.(field) : undefined;
    const text = sentence(worded ?? (label ? `${label}: ${message}` : message));
    // A field broken two ways (empty, so also too short) is told once, as GOV.UK asks: its first
    // message, in the summary and beside it alike. A general message is kept unless repeated.
    if (field && map.idFor(field) && fields[id]) continue;
    if (summary.some((s) => s.text === text && s.href === `#${id}`)) continue;
    fields[id] ??= { text };
    summary.push({ text, href: `#${id}` });
  }
  return { summary, fields };
}

/** One error for one field, as the page's own check finds it before calling the service. */
export function fieldError(id: string, text: string): FormErrors {
  return { summary: [{ text, href: `#${id}` }], fields: { [id]: { text } } };
}

export function mergeFormErrors(...all: (FormErrors | null)[]): FormErrors | null {
  const present = all.filter((e): e is FormErrors => e !== null);
  if (present.length === 0) return null;
  // The page's own check comes first; a later refusal of the same field is not said twice.
  const fields: FormErrors['fields'] = {};
  for (const e of present) for (const [id, message] of Object.entries(e.fields)) fields[id] ??= message;
  const summary = present
    .flatMap((e) => e.summary)
    .filter((item, i, all) => all.findIndex((other) => other.href === item.href) === i);
  return { summary, fields };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}
