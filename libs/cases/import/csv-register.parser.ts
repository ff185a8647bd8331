import { normaliseWorkerKey } from '../../common/index.js';
import { cleanAllocation, cleanText } from './clean-text.js';
import { normaliseCohort } from './cohort.js';
import { CsvSyntaxError, isBlankRecord } from './csv-reader.js';
import { forEachRegisterRecord } from './csv-records.js';
import { FieldCache } from './field-cache.js';
import { headerKey, matchHeaders, type HeaderAliases } from './headers.js';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './import-limits.js';
import { isInvalidDate, parseClosedDate, parseRegisterDate } from './register-date.js';
import { REGISTER_CSV_COLUMNS, type RegisterCsvColumnName } from './register-row-schema.js';
import {
  RegisterFormatError,
  type ParsedRegister,
  type RegisterRow,
  type RejectedRow,
} from './register-row.js';

type Column = RegisterCsvColumnName;

// The header's spellings and the required columns, from the one register row schema.
const ALIASES: HeaderAliases<Column> = Object.fromEntries(
  REGISTER_CSV_COLUMNS.map((c): [Column, readonly string[]] => [c.name, [c.name, ...c.aliases]]),
) as Record<Column, readonly string[]>;
const REQUIRED: readonly Column[] = REGISTER_CSV_COLUMNS.filter((c) => c.required).map((c) => c.name);

/**
 * Reads the council's own register CSV: a header row naming at least the required columns of
 * REGISTER_CSV_COLUMNS (case_ref, cohort, team, worker and opened_on; optional closed_on, locality,
 * team_manager, and worker_id or worker_email: the key that links a case to its social worker's
 * user; others are ignored), then one
 * case per row. Throws {@link RegisterFormatError} when the file as a whole cannot be used;
 * everything wrong with a single row is reported in `rejected` and the other rows still count.
 * Throws {@link ImportLimitError} at the first record past a limit: the file is read a chunk at
 * a time, never decoded whole.
 */
export function parseCsvRegister(
  content: string | Buffer,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): ParsedRegister {
  let reader: RowReader | undefined;
  forEachRecord(content, limits, (fields, line) => {
    if (isBlankRecord(fields)) return;
    if (reader) reader.read(fields, line);
    else reader = new RowReader(fields);
  });
  if (!reader) {
    throw new RegisterFormatError('The file is empty: expected a header row starting with case_ref');
  }
  return { format: 'csv', rows: reader.rows, rejected: reader.rejected };
}

/** Turns the records after the header into rows and rejections. */
class RowReader {
  readonly rows: RegisterRow[] = [];
  readonly rejected: RejectedRow[] = [];
  private readonly width: number;
  private readonly index: Record<Column, number>;
  private readonly firstRowOf = new Map<string, number>();
  private readonly openedDates = new FieldCache(parseRegisterDate);
  private readonly closedDates = new FieldCache(parseClosedDate);
  private readonly cohorts = new FieldCache(normaliseCohort);
  private readonly allocations = new FieldCache(cleanAllocation);
  private readonly texts = new FieldCache(cleanText);

  constructor(header: string[]) {
    const columns = matchHeaders(header, ALIASES);
    const missing = REQUIRED.filter((column) => columns[column] === undefined);
    if (missing.length > 0) throw new RegisterFormatError(missingMessage(missing, header), missing[0]);
    // case_ref and case_reference side by side: which one holds the reference would be a guess.
    const doubled = (Object.keys(ALIASES) as Column[]).find((column) => (columns[column]?.length ?? 0) > 1);
    if (doubled) {
      const names = columns[doubled]!.map((i) => `"${header[i].trim()}"`).join(' and ');
      throw new RegisterFormatError(`The header row names the ${doubled} column twice: ${names}`, doubled);
    }
    this.width = header.length;
    const index = {} as Record<Column, number>;
    for (const column of Object.keys(ALIASES) as Column[]) index[column] = columns[column]?.[0] ?? -1;
    this.index = index;
  }

  read(fields: string[], row: number): void {
    const { index } = this;
    if (fields.length !== this.width) {
      const hint = fields.length > this.width ? 'is a comma missing its quotes?' : 'is the row cut short?';
      return this.reject(row, `has ${fields.length} fields but the header has ${this.width} (${hint})`);
    }
    const caseRef = cleanText(fields[index.case_ref]);
    if (caseRef === null) return this.reject(row, 'case_ref is blank');
    const firstRow = this.firstRowOf.get(caseRef);
    if (firstRow !== undefined) {
      return this.reject(row, `case_ref ${caseRef} is a duplicate of row ${firstRow}`, caseRef);
    }
    this.firstRowOf.set(caseRef, row);
    const cohort = this.cohorts.get(fields[index.cohort]);
    if (cohort === null) return this.reject(row, 'cohort is blank', caseRef);
    const openedOn = this.openedDates.get(fields[index.opened_on]);
    if (openedOn === null) return this.reject(row, 'opened_on is blank', caseRef);
    if (isInvalidDate(openedOn)) return this.reject(row, `opened_on ${openedOn.error}`, caseRef);
    const closedOn = index.closed_on === -1 ? null : this.closedDates.get(fields[index.closed_on]);
    if (isInvalidDate(closedOn)) return this.reject(row, `closed_on ${closedOn.error}`, caseRef);
    if (closedOn !== null && closedOn < openedOn) {
      return this.reject(row, `closed_on ${closedOn} is before opened_on ${openedOn}`, caseRef);
    }
    this.rows.push({
      row,
      caseRef,
      cohort,
      team: this.allocations.get(fields[index.team]),
      worker: this.allocations.get(fields[index.worker]),
      ...this.workerKey(fields),
      teamManager: index.team_manager === -1 ? null : this.allocations.get(fields[index.team_manager]),
      locality: index.locality === -1 ? null : this.texts.get(fields[index.locality]),
      openedOn,
      closedOn,
    });
  }

  /** The worker id where the file gives one, else the worker's e-mail; nothing when neither. */
  private workerKey(fields: string[]): { workerKey?: string } {
    const { worker_id: id, worker_email: email } = this.index;
    const key =
      normaliseWorkerKey(id === -1 ? null : fields[id]) ??
      normaliseWorkerKey(email === -1 ? null : fields[email]);
    return key === null ? {} : { workerKey: key };
  }

  private reject(row: number, reason: string, caseRef?: string): void {
    this.rejected.push(caseRef === undefined ? { row, reason } : { row, reason, caseRef });
  }
}

function forEachRecord(
  content: string | Buffer,
  limits: ImportLimits,
  onRecord: (fields: string[], line: number) => void,
): void {
  // 'PK' and a zip signature: an .xlsx uploaded as if it were CSV.
  if (typeof content !== 'string' && content[0] === 0x50 && content[1] === 0x4b && content[2] === 3) {
    throw new RegisterFormatError('This is an Excel workbook, not a CSV file: save it as CSV first');
  }
  try {
    forEachRegisterRecord(content, limits, 'The CSV', onRecord);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new RegisterFormatError(`The CSV cannot be read: ${error.message}`);
    throw error;
  }
}

function missingMessage(missing: readonly Column[], header: readonly string[]): string {
  const found = header.map((h) => h.trim()).filter((h) => h !== '');
  const plural = missing.length > 1 ? 's' : '';
  let message = `The header row is missing the required column${plural} ${missing.join(', ')}`;
  message += ` (found: ${found.join(', ') || 'nothing'})`;
  // One header field holding several names: the file was saved with another separator.
  if (header.length === 1 && /[;\t|]/.test(header[0]) && headerKey(header[0]).includes('caseref')) {
    message += '; the file seems to use another separator than the comma: save it as comma-separated CSV';
  }
  return message;
}
