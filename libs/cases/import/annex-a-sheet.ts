import type { CellValue } from 'exceljs';
import { CHILD_ID, PERSONAL_ADVISER, SHARED_COLUMNS, type AnnexAList } from './annex-a-lists.js';
import { cellDate, cellText } from './annex-a-cells.js';
import { normaliseWorkerKey } from '../../common/index.js';
import { cleanAllocation } from './clean-text.js';
import { hasHeader, matchHeaders } from './headers.js';
import { isInvalidDate, type DateResult } from './register-date.js';
import { RegisterFormatError, type RejectedRow } from './register-row.js';
import type { XlsxSheet } from './xlsx-stream.js';

/** One row of one list: a child's episode on that list. */
export interface ListEntry {
  list: AnnexAList;
  row: number;
  source: string;
  caseRef: string;
  team: string | null;
  worker: string | null;
  workerKey?: string | null;
  teamManager: string | null;
  locality: string | null;
  openedOn: string | null;
  closedOn: string | null;
}

export interface SheetResult {
  entries: ListEntry[];
  rejected: RejectedRow[];
}

/** Title rows above the header are common; a header further down than this is not looked for. */
const HEADER_SEARCH_ROWS = 10;

/**
 * Reads one list sheet as its rows inflate. Only the columns a case needs are touched: names,
 * dates of birth, gender and ethnicity are never read.
 */
export async function readListSheet(
  sheet: XlsxSheet,
  list: AnnexAList,
  date1904: boolean,
): Promise<SheetResult> {
  const source = sheet.name;
  let reader: ListRowReader | undefined;
  let sawValue = false;
  for await (const batch of sheet.rows()) {
    for (const { number: row, values } of batch) {
      if (reader) {
        reader.read(values, row);
        continue;
      }
      const texts = rowTexts(values);
      sawValue ||= texts.some((text) => text !== null);
      if (row <= HEADER_SEARCH_ROWS && hasHeader(texts, CHILD_ID))
        reader = new ListRowReader(source, list, date1904, texts);
      else if (row > HEADER_SEARCH_ROWS && sawValue) throw noHeader(source);
    }
  }
  if (reader) return { entries: reader.entries, rejected: reader.rejected };
  if (sawValue) throw noHeader(source);
  return { entries: [], rejected: [] };
}

function noHeader(source: string): RegisterFormatError {
  return new RegisterFormatError(
    `Sheet "${source}" has no Child Unique ID column in its first ${HEADER_SEARCH_ROWS} rows`,
    'Child Unique ID',
    source,
  );
}

/** The rows below a list's header row, turned into entries and rejections one at a time. */
class ListRowReader {
  readonly entries: ListEntry[] = [];
  readonly rejected: RejectedRow[] = [];
  private readonly columns: ReturnType<typeof matchListHeaders>;
  private readonly label: (index: number) => string;

  constructor(
    private readonly source: string,
    private readonly list: AnnexAList,
    private readonly date1904: boolean,
    headers: (string | null)[],
  ) {
    const columns = matchListHeaders(headers, list);
    if (list.closed !== null && columns.closed === undefined) {
      // Without it every closed episode would look open and be sampled for audit.
      throw new RegisterFormatError(
        `Sheet "${source}" has no ${list.closed[0]} column, so open and closed cases cannot be told apart`,
        list.closed[0],
        source,
      );
    }
    this.columns = columns;
    this.label = (index: number): string => headers[index] ?? '?';
  }

  read(values: CellValue[], row: number): void {
    const { columns, label, source, list, date1904 } = this;
    if (rowTexts(values).every((text) => text === null)) return;
    const text = (indexes: number[] | undefined, clean: (v: string | null) => string | null = (v) => v) => {
      for (const index of indexes ?? []) {
        const value = clean(cellText(values[index]));
        if (value !== null) return value;
      }
      return null;
    };
    const caseRef = text(columns.caseRef);
    if (caseRef === null) {
      this.rejected.push({ row, source, reason: 'Child Unique ID is blank' });
      return;
    }
    const opened = readDate(values, columns.opened, date1904, false);
    const closed = readDate(values, columns.closed, date1904, true);
    const reject = (reason: string): void => void this.rejected.push({ row, source, caseRef, reason });
    if (isInvalidDate(opened.value)) return reject(`${label(opened.column)} ${opened.value.error}`);
    if (isInvalidDate(closed.value)) return reject(`${label(closed.column)} ${closed.value.error}`);
    const [openedOn, closedOn] = [opened.value, closed.value];
    if (openedOn !== null && closedOn !== null && closedOn < openedOn) {
      return reject(`${label(closed.column)} ${closedOn} is before ${label(opened.column)} ${openedOn}`);
    }
    this.entries.push({
      list,
      row,
      source,
      caseRef,
      team: text(columns.team, cleanAllocation),
      worker: text(columns.worker, cleanAllocation),
      ...keyOf(text(columns.workerKey, normaliseWorkerKey)),
      teamManager: text(columns.teamManager, cleanAllocation),
      locality: text(columns.locality),
      openedOn,
      closedOn,
    });
  }
}

function matchListHeaders(headers: (string | null)[], list: AnnexAList) {
  return matchHeaders(headers, {
    caseRef: CHILD_ID,
    ...SHARED_COLUMNS,
    worker: list.number === 9 ? [...SHARED_COLUMNS.worker, ...PERSONAL_ADVISER] : SHARED_COLUMNS.worker,
    opened: list.opened,
    closed: list.closed ?? [],
  });
}

/** The worker's key, where the sheet has a column for it and the row a value. */
function keyOf(workerKey: string | null): { workerKey?: string } {
  return workerKey === null ? {} : { workerKey };
}

/** The first non-blank cell among the columns, read as a date; column -1 when all are blank. */
function readDate(
  values: CellValue[],
  columns: number[] | undefined,
  date1904: boolean,
  closure: boolean,
): { column: number; value: DateResult } {
  const column = columns?.find((index) => cellText(values[index]) !== null) ?? -1;
  return { column, value: column === -1 ? null : cellDate(values[column], date1904, closure) };
}

/** exceljs row values are 1-based and sparse; index i of the result is column i. */
function rowTexts(values: CellValue[] | Record<string, CellValue>): (string | null)[] {
  const list = Array.isArray(values) ? values : [];
  return Array.from(list, (value) => cellText(value));
}
