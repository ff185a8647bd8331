/** One CSV record and the line of the file it starts on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The file cannot be split into records at all (an unterminated quoted field). */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Windows-1252's characters for bytes 0x80 to 0x9f (the rest matches Latin-1). Node 20's
 * TextDecoder('windows-1252') decodes these as Latin-1 control characters, so we map them.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Bytes to text. Excel's plain "CSV" save writes Windows-1252, not UTF-8, so bytes that are not
 * valid UTF-8 are read as Windows-1252 rather than turned into replacement characters.
 */
export function decodeText(content: string | Uint8Array): string {
  if (typeof content === 'string') return content;
  try {
    return utf8.decode(content);
  } catch {
    return Buffer.from(content.buffer, content.byteOffset, content.byteLength)
      .toString('latin1')
      .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
  }
}

/**
 * Splits RFC 4180 CSV into records: quoted fields may hold commas, doubled quotes and line
 * breaks; records end with CRLF, LF or a lone CR; a leading byte-order mark is dropped. Fields are
 * returned raw (not trimmed). Written by hand because csv-parse took about 0.5 s on a
 * 100,000-row register; this takes a fraction of that.
 *
 * Lenient where a spreadsheet would be: a quote inside an unquoted field is kept as a character,
 * and text after a closing quote is appended to the field. Blank lines come back as one empty
 * field so that line numbers stay true; callers skip them.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  forEachCsvRecord(text, (fields, line) => {
    records.push({ line, fields });
  });
  return records;
}

/**
 * {@link parseCsv} without keeping the records: each is handed to `onRecord` as it is read. For
 * a large register this halves the time, as the field arrays die young instead of piling up for
 * the garbage collector to move.
 */
export function forEachCsvRecord(text: string, onRecord: (fields: string[], line: number) => void): void {
  const length = text.length;
  const cursor = { pos: text.charCodeAt(0) === 0xfeff ? 1 : 0, line: 1 };
  while (cursor.pos < length) {
    const line = cursor.line;
    onRecord(readRecord(text, cursor), line);
  }
}

/** Reads one record from `cursor`, moving it past the record's line break. */
function readRecord(text: string, cursor: { pos: number; line: number }): string[] {
  const startLine = cursor.line;
  const fields: string[] = [];
  let pos = cursor.pos;
  for (;;) {
    let value: string;
    if (text.charCodeAt(pos) === QUOTE) {
      const from = pos + 1;
      let close = text.indexOf('"', from);
      let start = from;
      value = '';
      for (;;) {
        if (close === -1) {
          throw new CsvSyntaxError(`a quoted field opened on line ${startLine} is never closed`, startLine);
        }
        if (text.charCodeAt(close + 1) !== QUOTE) break;
        value += text.slice(start, close + 1);
        start = close + 2;
        close = text.indexOf('"', start);
      }
      value += text.slice(start, close);
      cursor.line += countLineBreaks(value);
      pos = close + 1;
      const end = fieldEnd(text, pos);
      if (end > pos) value += text.slice(pos, end);
      pos = end;
    } else {
      const end = fieldEnd(text, pos);
      value = text.slice(pos, end);
      pos = end;
    }
    fields.push(value);
    const c = text.charCodeAt(pos);
    if (c === COMMA) {
      pos++;
      continue;
    }
    if (c === CR) pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
    else if (c === LF) pos++;
    cursor.line++;
    cursor.pos = pos;
    return fields;
  }
}

function fieldEnd(text: string, from: number): number {
  let i = from;
  const length = text.length;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) break;
    i++;
  }
  return i;
}

function countLineBreaks(value: string): number {
  let count = 0;
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) count++;
  // A lone CR is a line break too (old Mac files); CRLF was counted once, at its LF.
  for (let i = value.indexOf('\r'); i !== -1; i = value.indexOf('\r', i + 1)) {
    if (value.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}

/** True when every field is empty or white space: a blank line, or a row of empty cells. */
export function isBlankRecord(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === '');
}
