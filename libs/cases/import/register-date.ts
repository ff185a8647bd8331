import { cleanText } from './clean-text.js';

/** A date cell that has a value but not one we can trust. */
export interface InvalidDate {
  error: string;
}

/** 'YYYY-MM-DD', null when the cell is blank (or #N/A and friends), or an {@link InvalidDate}. */
export type DateResult = string | null | InvalidDate;

export function isInvalidDate(value: DateResult): value is InvalidDate {
  return value !== null && typeof value === 'object';
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const MS_PER_DAY = 86_400_000;
/** Excel serial 61 is 1900-03-01; 1899-12-30 plus the serial gives every date from there on. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serial of 9999-12-31, the last date Excel can show. */
const MAX_SERIAL = 2_958_465;

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTHS = new Map<string, number>([
  ...MONTH_NAMES.map((name, i) => [name, i + 1] as const),
  ...MONTH_NAMES.map((name, i) => [name.slice(0, 3), i + 1] as const),
  ['sept', 9],
]);

// A trailing time is allowed because spreadsheet and database exports often write one at midnight.
const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const DMY = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})${TIME}$`);
const YMD = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const D_MON_Y = new RegExp(String.raw`^(\d{1,2})[ -]([a-z]{3,9})[ -](\d{2}|\d{4})${TIME}$`, 'i');
/** Exactly five digits: an Excel serial that lost its date format on the way (1927 to 2173). */
const SERIAL_TEXT = /^\d{5}$/;

/**
 * Reads a date as councils' spreadsheets write it.
 *
 * Text is read day first (UK): 03/04/2024 is 3 April. Two-digit years (03/04/24, 1-Jan-24) are
 * refused rather than guessed: the century is a guess, and a case opened "in 1924" or "2099"
 * would be silently wrong; the error asks for a four-digit year instead.
 */
export function parseRegisterDate(value: unknown): DateResult {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return fromDate(value);
  if (typeof value === 'number') return fromSerial(value);
  if (typeof value !== 'string') return { error: `"${String(value)}" is not a date` };
  const text = cleanText(value);
  if (text === null) return null;
  if (SERIAL_TEXT.test(text)) return fromSerial(Number(text));
  let m = DMY.exec(text);
  if (m) return fromParts(text, m[4], Number(m[3]), Number(m[1]));
  m = YMD.exec(text);
  if (m) return fromParts(text, m[1], Number(m[2]), Number(m[3]));
  m = D_MON_Y.exec(text);
  const month = m ? MONTHS.get(m[2].toLowerCase()) : undefined;
  if (m && month) return fromParts(text, m[3], month, Number(m[1]));
  return { error: `"${text}" is not a date (expected dd/mm/yyyy or yyyy-mm-dd)` };
}

function fromParts(text: string, yearText: string, month: number, day: number): DateResult {
  if (yearText.length !== 4) {
    return { error: `"${text}" has a two-digit year; write the year in full (dd/mm/yyyy)` };
  }
  const year = Number(yearText);
  if (year < MIN_YEAR || year > MAX_YEAR) return { error: `"${text}" has an implausible year` };
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { error: `"${text}" is not a real date` };
  }
  return format(year, month, day);
}

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is 29 February 1900, a day that
 * never existed (kept for Lotus 1-2-3 compatibility), so serials before it are one day early.
 */
function fromSerial(serial: number): DateResult {
  if (!Number.isFinite(serial)) return { error: `${serial} is not a date` };
  const day = Math.floor(serial);
  if (day < 1 || day > MAX_SERIAL) return { error: `${serial} is not an Excel date serial` };
  if (day === 60) return { error: '60 is Excel serial 29/02/1900, a date that does not exist' };
  const offset = day < 60 ? day + 1 : day;
  return fromDate(new Date(EXCEL_EPOCH_MS + offset * MS_PER_DAY));
}

// exceljs builds Date cells at UTC midnight, so UTC parts give the date the sheet shows.
function fromDate(date: Date): DateResult {
  if (Number.isNaN(date.getTime())) return { error: 'invalid date' };
  const year = date.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) return { error: `${date.toISOString()} has an implausible year` };
  return format(year, date.getUTCMonth() + 1, date.getUTCDate());
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function format(year: number, month: number, day: number): string {
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Words a closure-date column holds for a case that has not closed. */
const STILL_OPEN = new Set(['open', 'ongoing', 'current', 'active', 'still open', 'not closed']);

/**
 * {@link parseRegisterDate} for a closure date: 'Open', 'Ongoing' and the like mean the case has
 * not closed, so they read as no date rather than as an invalid one.
 */
export function parseClosedDate(value: unknown): DateResult {
  if (typeof value === 'string' && value.length <= 12) {
    const text = cleanText(value);
    if (text !== null && STILL_OPEN.has(text.toLowerCase())) return null;
  }
  return parseRegisterDate(value);
}
