import ExcelJS from 'exceljs';
import { parseAnnexA } from './annex-a.parser.js';

type Cell = ExcelJS.CellValue;

/** Builds an xlsx in memory: each sheet is a list of rows, each row a list of cell values. */
async function workbook(
  sheets: Record<string, Cell[][]>,
  options: { date1904?: boolean } = {},
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  if (options.date1904) book.properties.date1904 = true;
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('parseAnnexA row rules', () => {
  it('falls back to the Referral Date when a row has no CIN Start Date', async () => {
    const buffer = await workbook({
      'List 6': [
        [
          'Child Unique ID',
          'Referral Date',
          'CIN Start Date',
          'CIN Closure Date',
          'Allocated Team',
          'Allocated Worker',
        ],
        ['B1', '01/01/2024', '05/01/2024', null, 'T', 'W'],
        ['B2', '02/01/2024', null, null, 'T', 'W'],
      ],
    });
    const { rows } = await parseAnnexA(buffer);
    expect(rows.map((r) => r.openedOn)).toEqual(['2024-01-05', '2024-01-02']);
  });

  it('rejects a closure date before the start date, naming both columns', async () => {
    const buffer = await workbook({
      'List 7': [
        [
          'Child Unique ID',
          'Child Protection Plan Start Date',
          'Child Protection Plan End Date',
          'Team',
          'Worker',
        ],
        ['C1', utc(2024, 3, 1), utc(2024, 2, 1), 'T', 'W'],
      ],
    });
    const { rows, rejected } = await parseAnnexA(buffer);
    expect(rows).toEqual([]);
    expect(rejected).toEqual([
      {
        row: 2,
        source: 'List 7',
        caseRef: 'C1',
        reason:
          'Child Protection Plan End Date 2024-02-01 is before Child Protection Plan Start Date 2024-03-01',
      },
    ]);
  });

  it('withholds a child whose row on another list was rejected', async () => {
    const buffer = await workbook({
      'List 6': [
        ['Child Unique ID', 'CIN Start Date', 'CIN Closure Date', 'Team', 'Worker'],
        ['D1', utc(2024, 1, 1), null, 'T', 'W'],
      ],
      'List 8': [
        [
          'Child Unique ID',
          'Date Started to be Looked After',
          'Date Ceased to be Looked After',
          'Team',
          'Worker',
        ],
        ['D1', 'last week', null, 'T', 'W'],
      ],
    });
    const { rows, rejected } = await parseAnnexA(buffer);
    expect(rows).toEqual([]);
    expect(rejected.map((r) => [r.source, r.row, r.caseRef])).toEqual([
      ['List 8', 2, 'D1'],
      ['List 6', 2, 'D1'],
    ]);
  });

  it('reads serial dates in a workbook saved with the 1904 date system', async () => {
    const buffer = await workbook(
      {
        'List 8': [
          [
            'Child Unique ID',
            'Date Started to be Looked After',
            'Date Ceased to be Looked After',
            'Team',
            'Worker',
          ],
          ['E1', 43830, null, 'T', 'W'],
        ],
      },
      { date1904: true },
    );
    const { rows } = await parseAnnexA(buffer);
    expect(rows[0].openedOn).toBe('2024-01-01');
  });

  it('reads numeric IDs as text, so the same child matches across lists', async () => {
    const buffer = await workbook({
      'List 6': [
        ['Child ID', 'CIN Start Date', 'CIN Closure Date', 'Team', 'Worker'],
        [123456, utc(2024, 1, 1), null, 'T6', 'W'],
      ],
      'List 7': [
        ['Unique ID', 'Child Protection Plan Start Date', 'Child Protection Plan End Date', 'Team', 'Worker'],
        ['123456', utc(2024, 2, 1), null, 'T7', 'W'],
      ],
    });
    const { rows } = await parseAnnexA(buffer);
    expect(rows).toEqual([expect.objectContaining({ caseRef: '123456', cohort: 'CP', team: 'T7' })]);
  });

  it('reads a list sheet with a header row but no data as no cases', async () => {
    const buffer = await workbook({
      'List 9': [['Child Unique ID', 'Allocated Team', 'Allocated Worker']],
      'List 7': [],
    });
    await expect(parseAnnexA(buffer)).resolves.toEqual({ format: 'annex-a', rows: [], rejected: [] });
  });
});
