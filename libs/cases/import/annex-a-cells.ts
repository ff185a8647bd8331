import type { CellValue } from 'exceljs';
import { cleanText } from './clean-text.js';
import { parseClosedDate, parseRegisterDate, type DateResult } from './register-date.js';

type PlainValue = string | number | boolean | Date | null;

/** Days between the 1900 and 1904 date systems' epochs. */
const DATE_1904_OFFSET = 1462;

/**
 * What the cell shows, whatever exceljs wrapped it in: a formula's cached result, rich text's
 * runs joined, a hyperlink's text, an error's code ('#N/A').
 */
export function plainValue(value: CellValue): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return plainValue(value.result ?? null);
  if ('error' in value) return value.error;
  // A hyperlink's text may itself be rich text.
  if ('text' in value) return plainValue(value.text as CellValue);
  return null;
}

/** The cell as cleaned text: numbers as written (IDs are often numeric), dates as YYYY-MM-DD. */
export function cellText(value: CellValue): string | null {
  const plain = plainValue(value);
  if (plain === null) return null;
  if (typeof plain === 'string') return cleanText(plain);
  if (plain instanceof Date) {
    return Number.isNaN(plain.getTime()) ? null : plain.toISOString().slice(0, 10);
  }
  return String(plain);
}

/**
 * The cell as a date. Date-formatted cells arrive as Date objects; a bare number is an Excel
 * serial, counted from 1904 in workbooks saved with that date system (old Mac Excel). A closure
 * date may also read 'Open' or 'Ongoing', meaning none.
 */
export function cellDate(value: CellValue, date1904: boolean, closure = false): DateResult {
  const plain = plainValue(value);
  if (typeof plain === 'number' && date1904) return parseRegisterDate(plain + DATE_1904_OFFSET);
  if (typeof plain === 'boolean') return { error: `${String(plain).toUpperCase()} is not a date` };
  return closure ? parseClosedDate(plain) : parseRegisterDate(plain);
}
