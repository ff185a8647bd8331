import { listForSheet } from './annex-a-lists.js';
import { mergeEntries } from './annex-a-merge.js';
import { readListSheet, type ListEntry } from './annex-a-sheet.js';
import { DEFAULT_IMPORT_LIMITS, ImportLimitError, type ImportLimits } from './import-limits.js';
import { RegisterFormatError, type ParsedRegister, type RejectedRow } from './register-row.js';
import { openXlsx, type XlsxWorkbook } from './xlsx-stream.js';

/**
 * Reads the open and recently closed cases from an Ofsted Annex A workbook: List 6 (children in
 * need, CIN), List 7 (child protection, CP), List 8 (children looked after, CLA) and List 9 (care
 * leavers, CL). Other sheets are ignored. Each child becomes one case (see mergeEntries).
 *
 * Throws {@link RegisterFormatError} when the file is not an xlsx workbook, has none of Lists 6
 * to 9, or a list sheet lacks its Child Unique ID column (or, on Lists 6 to 8, the column that
 * closes a row). The error's `file` is then the sheet's name. Throws {@link ImportLimitError}
 * as soon as the workbook breaks one of the limits: it is read as it inflates, never whole.
 */
export async function parseAnnexA(
  buffer: Buffer,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<ParsedRegister> {
  const workbook = await load(buffer, limits);
  const { date1904 } = workbook;
  const entries: ListEntry[] = [];
  const rejected: RejectedRow[] = [];
  let listSheets = 0;
  for (const sheet of workbook.sheets) {
    const list = listForSheet(sheet.name);
    if (!list) continue;
    listSheets++;
    const result = await read(sheet, () => readListSheet(sheet, list, date1904));
    // Not push(...): a spread of a million rows overflows the stack.
    for (const entry of result.entries) entries.push(entry);
    for (const row of result.rejected) rejected.push(row);
  }
  if (listSheets === 0) {
    const names = workbook.sheets.map((sheet) => `"${sheet.name}"`).join(', ') || 'none';
    throw new RegisterFormatError(
      `No Annex A list sheets found: expected sheets named List 6, List 7, List 8 or List 9 (found ${names})`,
    );
  }
  return { format: 'annex-a', ...mergeEntries(entries, rejected) };
}

async function load(buffer: Buffer, limits: ImportLimits): Promise<XlsxWorkbook> {
  try {
    return await openXlsx(buffer, limits);
  } catch (error) {
    throw asFormatError(error);
  }
}

async function read<T>(sheet: { name: string }, reading: () => Promise<T>): Promise<T> {
  try {
    return await reading();
  } catch (error) {
    throw asFormatError(error, sheet.name);
  }
}

/** Our own refusals pass; what the XML parser or the inflater throws is the file's fault. */
function asFormatError(error: unknown, sheet?: string): Error {
  // A refusal that does not say where (a duplicated header) names the sheet.
  if (error instanceof RegisterFormatError && error.file === undefined && sheet !== undefined) {
    return new RegisterFormatError(`Sheet "${sheet}": ${error.message}`, error.column, sheet);
  }
  if (error instanceof RegisterFormatError || error instanceof ImportLimitError) return error;
  const detail = error instanceof Error ? `: ${error.message}` : '';
  return new RegisterFormatError(
    `The file is not an Excel workbook (.xlsx) that can be read${detail}`,
    undefined,
    sheet,
  );
}
