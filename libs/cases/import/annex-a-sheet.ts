import type { CellValue, Worksheet } from 'exceljs';
import { CHILD_ID, PERSONAL_ADVISER, SHARED_COLUMNS, type AnnexAList } from './annex-a-lists.js';
import { cellDate, cellText } from './annex-a-cells.js';
import { normaliseWorkerKey } from '../../common/index.js';
import { cleanAllocation } from './clean-text.js';
import { hasHeader, matchHeaders } from './headers.js';
import { isInvalidDate, type DateResult } from './register-date.js';
import { RegisterFormatError, type RejectedRow } from './register-row.js';

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
 * Reads one list sheet. Only the columns a case needs are touched: names, dates of birth,
 * gender and ethnicity are never read.
 */
export function readListSheet(sheet: Worksheet, list: AnnexAList, date1904: boolean): SheetResult {
  const source = sheet.name;
  const headerRow = findHeaderRow(sheet);
  if (headerRow === undefined) {
    if (sheet.actualRowCount === 0) return { entries: [], rejected: [] };
    throw new RegisterFormatError(
      `Sheet "${source}" has no Child Unique ID column in its first ${HEADER_SEARCH_ROWS} rows`,
      'Child Unique ID',
      source,
    );
  }
  const headers = rowTexts(sheet.findRow(headerRow)?.values ?? []);
  const columns = matchHeaders(headers, {
    caseRef: CHILD_ID,
    ...SHARED_COLUMNS,
    worker: list.number === 9 ? [...SHARED_COLUMNS.worker, ...PERSONAL_ADVISER] : SHARED_COLUMNS.worker,
    opened: list.opened,
    closed: list.closed ?? [],
  });
  if (list.closed !== null && columns.closed === undefined) {
    // Without it every closed episode would look open and be sampled for audit.
    throw new RegisterFormatError(
      `Sheet "${source}" has no ${list.closed[0]} column, so open and closed cases cannot be told apart`,
      list.closed[0],
      source,
    );
  }
  const label = (index: number): string => headers[index] ?? '?';
  const entries: ListEntry[] = [];
  const rejected: RejectedRow[] = [];
  sheet.eachRow((sheetRow, row) => {
    if (row <= headerRow) return;
    const values = sheetRow.values as CellValue[];
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
      rejected.push({ row, source, reason: 'Child Unique ID is blank' });
      return;
    }
    const opened = readDate(values, columns.opened, date1904, false);
    const closed = readDate(values, columns.closed, date1904, true);
    const reject = (reason: string): void => void rejected.push({ row, source, caseRef, reason });
    if (isInvalidDate(opened.value)) return reject(`${label(opened.column)} ${opened.value.error}`);
    if (isInvalidDate(closed.value)) return reject(`${label(closed.column)} ${closed.value.error}`);
    const [openedOn, closedOn] = [opened.value, closed.value];
    if (openedOn !== null && closedOn !== null && closedOn < openedOn) {
      return reject(`${label(closed.column)} ${closedOn} is before ${label(opened.column)} ${openedOn}`);
    }
    entries.push({
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
  });
  return { entries, rejected };
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

function findHeaderRow(sheet: Worksheet): number | undefined {
  const last = Math.min(HEADER_SEARCH_ROWS, sheet.rowCount);
  for (let row = 1; row <= last; row++) {
    if (hasHeader(rowTexts(sheet.findRow(row)?.values ?? []), CHILD_ID)) return row;
  }
  return undefined;
}

/** exceljs row values are 1-based and sparse; index i of the result is column i. */
function rowTexts(values: CellValue[] | Record<string, CellValue>): (string | null)[] {
  const list = Array.isArray(values) ? values : [];
  return Array.from(list, (value) => cellText(value));
}
