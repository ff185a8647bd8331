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

/**
 * Splits RFC 4180 CSV into records: quoted fields may hold commas, doubled quotes and line
 * breaks; records end with CRLF, LF or a lone CR; a leading byte-order mark is dropped. Fields are
 * returned raw (not trimmed). Written by hand because csv-parse took about half a second
 * just to split a 100,000-row register on this project's machines.
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
 * {@link parseCsv} without keeping the records: each is handed to `onRecord` as it is read, so
 * the field arrays die young instead of piling up for the garbage collector to move.
 */
export function forEachCsvRecord(text: string, onRecord: (fields: string[], line: number) => void): void {
  forEachCsvRecordIn([text], onRecord, Infinity);
}

/**
 * {@link forEachCsvRecord} over text that arrives in chunks (a file decoded a megabyte at a
 * time), so the whole file is never one string. A record split between chunks is read again
 * once the next chunk has come; one that runs past `maxRecordChars` without ending (a quote
 * never closed, a cell of a million characters) is refused as it grows, by `onOverlong`.
 */
export function forEachCsvRecordIn(
  chunks: Iterable<string>,
  onRecord: (fields: string[], line: number) => void,
  maxRecordChars: number,
  onOverlong: (chars: number) => never = (chars) => {
    throw new CsvSyntaxError(`a record runs past ${chars} characters`, 0);
  },
): void {
  let carry = '';
  let line = 1;
  let first = true;
  const iterator = chunks[Symbol.iterator]();
  let next = iterator.next();
  while (!next.done) {
    const following = iterator.next();
    const final = following.done === true;
    const text = carry === '' ? next.value : carry + next.value;
    const scanner = new Scanner(text, line, first);
    first = false;
    carry = '';
    while (scanner.pos < text.length) {
      const start = scanner.pos;
      const startLine = scanner.line;
      const fields = scanner.readRecord(final);
      if (fields === null) {
        carry = text.slice(start);
        line = startLine;
        if (carry.length > maxRecordChars) onOverlong(carry.length);
        break;
      }
      onRecord(fields, startLine);
    }
    if (carry === '') line = scanner.line;
    next = following;
  }
}

/**
 * Reads records with the engine's indexOf rather than a loop over characters: the next comma,
 * LF and CR are each looked up once and remembered until the reader passes them, so the text is
 * scanned about once in native code.
 */
class Scanner {
  pos: number;
  private nextComma = -1;
  private nextLf = -1;
  private nextCr = -1;

  constructor(
    private readonly text: string,
    public line = 1,
    atStart = true,
  ) {
    this.pos = atStart && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** The next record, or null when the text ends inside it and more may follow (not `final`). */
  readRecord(final = true): string[] | null {
    const { text } = this;
    const startLine = this.line;
    const fields: string[] = [];
    let pos = this.pos;
    for (;;) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        let start = pos + 1;
        let close = text.indexOf('"', start);
        value = '';
        for (;;) {
          if (close === -1) {
            if (!final) return null;
            throw new CsvSyntaxError(`a quoted field opened on line ${startLine} is never closed`, startLine);
          }
          if (text.charCodeAt(close + 1) !== QUOTE) break;
          value += text.slice(start, close + 1);
          start = close + 2;
          close = text.indexOf('"', start);
        }
        // A quote at the very end may be the first of a doubled pair.
        if (!final && close + 1 >= text.length) return null;
        value += text.slice(start, close);
        this.line += countLineBreaks(value);
        pos = close + 1;
        const end = this.fieldEnd(pos);
        if (end > pos) value += text.slice(pos, end);
        pos = end;
      } else {
        const end = this.fieldEnd(pos);
        value = text.slice(pos, end);
        pos = end;
      }
      // The record's end has not come yet, or a CR's LF may begin the next chunk.
      if (!final && (pos >= text.length || (pos === text.length - 1 && text.charCodeAt(pos) === CR))) {
        return null;
      }
      fields.push(value);
      const c = text.charCodeAt(pos);
      if (c === COMMA) {
        pos++;
        continue;
      }
      if (c === CR) pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
      else if (c === LF) pos++;
      this.line++;
      this.pos = pos;
      return fields;
    }
  }

  /** Where the unquoted field starting at `from` ends: the next comma or line break. */
  private fieldEnd(from: number): number {
    if (this.nextComma < from) this.nextComma = this.find(',', from);
    if (this.nextLf < from) this.nextLf = this.find('\n', from);
    if (this.nextCr < from) this.nextCr = this.find('\r', from);
    return Math.min(this.nextComma, this.nextLf, this.nextCr);
  }

  private find(char: string, from: number): number {
    const at = this.text.indexOf(char, from);
    return at === -1 ? this.text.length : at;
  }
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
  // A plain loop: this runs once per record, and trim() returns the same string when there is
  // nothing to trim, so the common case allocates nothing.
  for (let i = 0; i < fields.length; i++) if (fields[i].trim().length !== 0) return false;
  return true;
}
