import { formatDate } from '../../web/index.js';

/**
 * How a form names one of its fields, so that a rule the API words for its own callers
 * (`grade must be one of outstanding, good, …`, `from must not be blank`) reads as GOV.UK error
 * messages do: "Select a grade for Safety", "Enter who gave the feedback". The API's messages
 * stay as they are; only the page says them differently.
 */
export interface FieldWords {
  kind: 'choice' | 'text' | 'date';
  /** What the person gives, after "Select" or "Enter": `a grade for Safety`, `what they said`. */
  noun: string;
}

/** A message the DTO wrote: it starts with the property's own name (`heldOn must be …`). */
const API_SHAPED = /^[a-z][A-Za-z]* (must|should) /;
const ISO_DATE = /\b(\d{4}-\d{2}-\d{2})\b/g;

/** A table's entry for a field name, never an Object.prototype member. */
export function own<T>(table: Record<string, T>, name: string | undefined): T | undefined {
  return name !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** ISO dates in a rule's message as GOV.UK writes dates ("1 December 2026"). */
export function withDates(message: string): string {
  return message.replace(ISO_DATE, (iso) => formatDate(iso));
}

/**
 * The message in the page's words, or undefined when the API's rule already reads well (then
 * the form's label, if any, goes before it). A choice is always "Select …": every rule about a
 * radio group says one was not chosen, or not one of the choices.
 */
export function wordedMessage(words: FieldWords | undefined, message: string): string | undefined {
  if (!words) return undefined;
  const { kind, noun } = words;
  if (kind === 'choice') return `Select ${noun}`;
  if (API_SHAPED.test(message)) {
    const longest = /(?:shorter than or equal to|at most) (\d+)/.exec(message);
    if (longest)
      return `${capital(noun)} must be ${Number(longest[1]).toLocaleString('en-GB')} characters or fewer`;
    const shortest = /longer than or equal to (\d+)/.exec(message);
    if (shortest && Number(shortest[1]) > 1) {
      return `${capital(noun)} must be ${shortest[1]} characters or more`;
    }
    if (kind === 'date')
      return /real date/.test(message) ? `${capital(noun)} must be a real date` : `Enter ${noun}`;
    return `Enter ${noun}`;
  }
  if (kind === 'date' && message.includes('YYYY-MM-DD')) return `Enter ${noun}`;
  return undefined;
}

/**
 * A FieldMap's `messageFor` from the form's words: the worded message, else the API's with its
 * dates written out (after the label, which formErrorsFrom then leaves off).
 */
export function messagesIn(
  wordsFor: (field: string) => FieldWords | undefined,
  labelFor?: (field: string) => string | undefined,
): (field: string, message: string) => string | undefined {
  return (field, message) => {
    const worded = wordedMessage(wordsFor(field), message);
    if (worded) return worded;
    if (!/\d{4}-\d{2}-\d{2}/.test(message)) return undefined;
    const label = labelFor?.(field);
    return label ? `${label}: ${withDates(message)}` : withDates(message);
  };
}
