import type ExcelJS from 'exceljs';
import type { CellValue } from 'exceljs';
import type { Readable } from 'node:stream';
import type { ImportLimits } from './import-limits.js';
import { InflateBudget, RowBudget } from './limit-counters.js';
import { RegisterFormatError } from './register-row.js';
import { SharedStrings } from './shared-strings.js';
import { inflateEntry, readZipDirectory, type ZipEntry } from './zip-entries.js';

/** A sheet named in the workbook, in the workbook's order. */
export interface XlsxSheet {
  name: string;
  /**
   * The sheet's rows as they inflate, a batch per inflated chunk (one await per batch, not per
   * row): 1-based row number and 1-based, sparse cell values.
   */
  rows(): AsyncGenerator<SheetRow[]>;
}

export interface SheetRow {
  number: number;
  values: CellValue[];
}

export interface XlsxWorkbook {
  date1904: boolean;
  sheets: XlsxSheet[];
}

/**
 * The parts of exceljs 4.4's streaming reader used here. Its public `read()` takes the zip as a
 * stream and inflates every part with no size limit (spilling early sheets to temporary files),
 * so this module does the unzipping itself, under the limits, and hands each part's text to the
 * reader's own part parsers. exceljs is pinned: a new version must pass the Annex A specs.
 */
interface ExcelJsStreamReader {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<{ index: number; text: SharedString }>;
  _parseWorksheet(entry: Readable, sheetNo: string): Generator<{ value: ExcelJsWorksheetReader }>;
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string }[]; properties?: { date1904?: boolean } };
  sharedStrings?: string[];
}

interface ExcelJsWorksheetReader {
  parse(): AsyncGenerator<{ eventType: string; value: unknown }[]>;
}

type SharedString = string | null | { richText: { text: string | null }[] };

/**
 * Opens an xlsx held in memory without inflating it: each part is inflated only when read, and
 * counted as it is, against its declared size and the limits. Every part's declared size is
 * checked first, from the zip's directory. Shared strings are kept (as plain text, compactly); sheets are
 * read row by row and never held whole. Styles are not read: dates arrive as Excel serials.
 */
export async function openXlsx(zip: Buffer, limits: ImportLimits): Promise<XlsxWorkbook> {
  const entries = new Map<string, ZipEntry>();
  const budget = new InflateBudget(limits);
  for (const entry of readZipDirectory(zip)) {
    budget.declare(entry.name, entry.size);
    entries.set(entry.name.replace(/^\//, ''), entry);
  }
  const open = (name: string): Readable | undefined => {
    const entry = entries.get(name);
    return entry && inflateEntry(zip, entry, budget.entry(entry.name, entry.size));
  };
  // Loaded on first use: exceljs takes ~0.25 s to import, which every CLI command and the API's
  // start-up would otherwise pay though only an Annex A import needs it.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(undefined as unknown as string, {
    worksheets: 'emit',
    sharedStrings: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  }) as unknown as ExcelJsStreamReader;
  const rels = open('xl/_rels/workbook.xml.rels');
  const book = open('xl/workbook.xml');
  if (!rels || !book) {
    throw new RegisterFormatError('The file is not an Excel workbook (.xlsx): it has no workbook part');
  }
  await reader._parseRels(rels);
  await reader._parseWorkbook(book);
  const strings = open('xl/sharedStrings.xml');
  reader.sharedStrings = strings ? (await readSharedStrings(reader, strings, limits)).asArray() : [];
  const targets = new Map((reader.workbookRels ?? []).map((rel) => [rel.Id, rel.Target]));
  const sheets = (reader.model?.sheets ?? []).map((sheet): XlsxSheet => {
    const target = targets.get(sheet.rId) ?? '';
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    return { name: sheet.name, rows: () => readRows(reader, sheet.name, open(path), limits) };
  });
  return { date1904: reader.model?.properties?.date1904 === true, sheets };
}

async function readSharedStrings(
  reader: ExcelJsStreamReader,
  entry: Readable,
  limits: ImportLimits,
): Promise<SharedStrings> {
  const budget = new RowBudget(limits, 'The workbook');
  const strings = new SharedStrings();
  for await (const { text } of reader._parseSharedStrings(entry)) {
    const plain =
      text === null ? '' : typeof text === 'string' ? text : text.richText.map((r) => r.text ?? '').join('');
    budget.cell(plain.length);
    strings.add(plain);
  }
  return strings;
}

async function* readRows(
  reader: ExcelJsStreamReader,
  name: string,
  entry: Readable | undefined,
  limits: ImportLimits,
): AsyncGenerator<SheetRow[]> {
  if (!entry) throw new RegisterFormatError(`Sheet "${name}" is missing from the workbook`, undefined, name);
  const budget = new RowBudget(limits, `Sheet "${name}"`);
  const [{ value: worksheet }] = [...reader._parseWorksheet(entry, '0')];
  for await (const events of worksheet.parse()) {
    const rows: SheetRow[] = [];
    for (const { eventType, value } of events) {
      if (eventType !== 'row') continue;
      const row = value as ExcelJS.Row;
      budget.row(row.cellCount);
      const values = row.values as CellValue[];
      for (const cell of values) if (typeof cell === 'string') budget.cell(cell.length);
      rows.push({ number: row.number, values });
    }
    if (rows.length > 0) yield rows;
  }
}
