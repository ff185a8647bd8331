import type ExcelJS from 'exceljs';
import { listForSheet } from './annex-a-lists.js';
import { mergeEntries } from './annex-a-merge.js';
import { readListSheet, type ListEntry } from './annex-a-sheet.js';
import { RegisterFormatError, type ParsedRegister, type RejectedRow } from './register-row.js';

/**
 * Reads the open and recently closed cases from an Ofsted Annex A workbook: List 6 (children in
 * need, CIN), List 7 (child protection, CP), List 8 (children looked after, CLA) and List 9 (care
 * leavers, CL). Other sheets are ignored. Each child becomes one case (see mergeEntries).
 *
 * Throws {@link RegisterFormatError} when the file is not an xlsx workbook, has none of Lists 6
 * to 9, or a list sheet lacks its Child Unique ID column (or, on Lists 6 to 8, the column that
 * closes a row). The error's `file` is then the sheet's name.
 */
export async function parseAnnexA(buffer: Buffer): Promise<ParsedRegister> {
  const workbook = await load(buffer);
  const date1904 = workbook.properties?.date1904 === true;
  const entries: ListEntry[] = [];
  const rejected: RejectedRow[] = [];
  let listSheets = 0;
  for (const sheet of workbook.worksheets) {
    const list = listForSheet(sheet.name);
    if (!list) continue;
    listSheets++;
    const result = readListSheet(sheet, list, date1904);
    entries.push(...result.entries);
    rejected.push(...result.rejected);
  }
  if (listSheets === 0) {
    const names = workbook.worksheets.map((sheet) => `"${sheet.name}"`).join(', ') || 'none';
    throw new RegisterFormatError(
      `No Annex A list sheets found: expected sheets named List 6, List 7, List 8 or List 9 (found ${names})`,
    );
  }
  return { format: 'annex-a', ...mergeEntries(entries, rejected) };
}

/** exceljs types its input as a private Buffer interface that Node's Buffer no longer satisfies. */
type XlsxInput = Parameters<ExcelJS.Xlsx['load']>[0];

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  // Loaded on first use: exceljs takes ~0.25 s to import, which every CLI command and the API's
  // start-up would otherwise pay though only an Annex A import needs it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as XlsxInput);
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message}` : '';
    throw new RegisterFormatError(`The file is not an Excel workbook (.xlsx) that can be read${detail}`);
  }
  return workbook;
}
