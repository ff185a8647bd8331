/** A leading character that makes a spreadsheet read a cell as a formula (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as a spreadsheet will show it, never run it: a cell starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return gets a single quote in front, so Excel and LibreOffice take it
 * as text. csv-stringify quotes the cell itself (commas, quotes, line breaks).
 */
export function csvText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}
