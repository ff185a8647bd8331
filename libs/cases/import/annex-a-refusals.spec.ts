import ExcelJS from 'exceljs';
import { parseAnnexA } from './annex-a.parser.js';
import { RegisterFormatError } from './register-row.js';

type Cell = ExcelJS.CellValue;

/** Builds an xlsx in memory: each sheet is a list of rows, each row a list of cell values. */
async function workbook(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function formatError(buffer: Buffer): Promise<RegisterFormatError> {
  const error: unknown = await parseAnnexA(buffer).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof RegisterFormatError) return error;
  throw new Error(`expected a RegisterFormatError, got ${String(error)}`);
}

describe('parseAnnexA refuses the whole file', () => {
  it('refuses a workbook with none of Lists 6 to 9, naming the sheets it has', async () => {
    const error = await formatError(await workbook({ 'List 1': [['Child Unique ID']], Sheet2: [['x']] }));
    expect(error.message).toMatch(/List 6, List 7, List 8 or List 9/);
    expect(error.message).toContain('"List 1", "Sheet2"');
  });

  it('refuses a list sheet without a Child Unique ID column, naming the column and the sheet', async () => {
    const error = await formatError(
      await workbook({
        'List 6': [
          ['Case Number', 'CIN Start Date', 'CIN Closure Date'],
          ['X', null, null],
        ],
      }),
    );
    expect(error.column).toBe('Child Unique ID');
    expect(error.file).toBe('List 6');
    expect(error.message).toMatch(/Sheet "List 6" has no Child Unique ID column/);
  });

  it('does not look for the header below the first 10 rows', async () => {
    const rows: Cell[][] = Array.from({ length: 10 }, (_, i) => [`title ${i + 1}`]);
    rows.push(['Child Unique ID', 'CIN Start Date', 'CIN Closure Date']);
    const error = await formatError(await workbook({ 'List 6': rows }));
    expect(error.column).toBe('Child Unique ID');
  });

  it('refuses a List 6 to 8 sheet without its closure column, as open and closed cannot be told apart', async () => {
    const error = await formatError(
      await workbook({
        'List 8': [
          ['Child Unique ID', 'Date Started to be Looked After', 'Team'],
          ['F1', null, 'T'],
        ],
      }),
    );
    expect(error.column).toBe('Date Ceased to be Looked After');
    expect(error.file).toBe('List 8');
  });

  it('refuses a file that is not an xlsx workbook', async () => {
    const error = await formatError(Buffer.from('case_ref,cohort\nC1,CIN\n'));
    expect(error.message).toMatch(/not an Excel workbook/);
  });
});
