/**
 * What any text must be before it is stored, whoever sends it (a form, the JSON API, a register
 * file): well-formed Unicode without control characters, and no longer than its column.
 * PostgreSQL refuses a NUL byte and a value longer than its varchar where SQLite stores both, so
 * without these rules the same input was a 500 on one engine and bad data on the other.
 */

/** C0 controls (NUL to US), DEL and the C1 controls (U+0080 to U+009F): none belongs in a name. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, less tab, line feed and carriage return, which free text (notes, reasons) may hold. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_IN_PROSE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Half of a UTF-16 pair without its other half (String.isWellFormed is ES2024, beyond our lib). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Characters as a database counts them (Unicode code points). `String.length` counts UTF-16
 * units, so an emoji counts twice; validator.js' isLength also leaves out variation selectors,
 * which a varchar does count, so its 64 could be 65 for PostgreSQL.
 */
export function characterCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** True when the text holds a control character; `prose` allows tab and line breaks. */
export function hasControlCharacter(text: string, prose = false): boolean {
  return (prose ? CONTROL_IN_PROSE : CONTROL).test(text);
}

export interface PlainTextRule {
  /** The most characters the column holds. */
  max: number;
  /** Free text: tab and line breaks allowed. Names, references and codes are one line. */
  prose?: boolean;
}

/**
 * Why the text cannot be stored, as a rule a person can act on ("must be at most 64
 * characters"), or null when it can. The caller puts the field's name in front.
 */
export function plainTextProblem(text: string, rule: PlainTextRule): string | null {
  if (hasControlCharacter(text, rule.prose)) return 'must not contain a control character';
  // A lone surrogate would be stored as U+FFFD: the text would silently change.
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text';
  if (characterCount(text) > rule.max) return `must be at most ${rule.max} characters`;
  return null;
}
