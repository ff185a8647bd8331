import ExcelJS from 'exceljs';
import { parseAnnexA } from './annex-a.parser.js';
import type { RegisterRow } from './register-row.js';

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

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const FEMALE = 'b) Female';
const DOB = utc(2012, 5, 17);

/**
 * A return as councils send it: title rows, serial and text dates, NBSP, #N/A, 'Ongoing' for no
 * closure, rich text and formulas, Team/Worker for Allocated Team/Worker, prefixed codes.
 */
const messy = (): Record<string, Cell[][]> => ({
  Cover: [['Annex A return, Anytown Council'], ['Child Unique ID', 'not a list']],
  'List 1 - Contacts': [
    ['Child Unique ID', 'Date of Contact'],
    ['Z9', utc(2024, 1, 1)],
  ],
  'List 6 - CIN': [
    ['Annex A - List 6: Children in need'],
    ['Reporting period 01/04/2023 - 31/03/2024'],
    [],
    [
      'Child Unique ID',
      'Gender',
      'Ethnicity',
      'Date of Birth',
      'Age',
      'CIN Start Date',
      'CIN\u00a0Closure Date',
      'Team',
      'Worker',
    ],
    ['A1', FEMALE, 'a) WBRI', DOB, 11, 45292, null, 'North CIN', 'Jo Smith'],
    [
      'A2',
      'Male',
      'WBRI',
      DOB,
      11,
      '15/03/2024',
      '#N/A',
      '#N/A',
      { richText: [{ text: 'Ali ' }, { text: 'Khan' }] },
    ],
    ['A3', FEMALE, 'a) WBRI', DOB, 11, utc(2023, 9, 1), null, 'North CIN', 'Jo Smith'],
    ['A4', FEMALE, 'a) WBRI', DOB, 11, utc(2023, 6, 1), utc(2024, 5, 1), 'North CIN', 'Jo Smith'],
    [
      '\u00a0A5 ',
      FEMALE,
      'a) WBRI',
      DOB,
      11,
      ' 2024-02-01\u00a0',
      '',
      'North\u00a0 CIN',
      { formula: 'X', result: 'Sam Lee' },
    ],
    [null, FEMALE, 'a) WBRI', DOB, 11, utc(2024, 1, 1), null, 'North CIN', 'Jo Smith'],
    ['A6', FEMALE, 'a) WBRI', DOB, 11, '31/02/2024', null, 'North CIN', 'Jo Smith'],
    [
      'A9',
      FEMALE,
      'a) WBRI',
      DOB,
      11,
      utc(2024, 1, 1),
      'Ongoing',
      { formula: 'VLOOKUP(A1,T!A:B,2,0)', result: { error: '#N/A' } },
      '',
    ],
  ],
  'List 7': [
    [
      'Child Unique ID',
      'Gender',
      'Child Protection Plan Start Date',
      'Child Protection Plan End Date',
      'Allocated Team',
      'Allocated Worker',
    ],
    ['A1', FEMALE, utc(2023, 1, 1), utc(2023, 12, 1), 'North CP', 'Pat Jones'],
    ['A7', 'a) Male', 45000, null, 'South CP', 'Pat Jones'],
  ],
  List8: [
    ['List 8 - Children looked after'],
    [
      'Child Unique ID',
      'Date of entry into care',
      'Date Ceased to be Looked After',
      'Allocated Team',
      'Allocated Worker',
    ],
    ['A3', utc(2024, 2, 10), null, 'Central CLA', 'Kim Ray'],
  ],
  'List 9 - Care leavers': [
    [
      'Child Unique ID',
      'Allocated Team',
      'Allocated Worker',
      'Allocated Personal Advisor',
      'Eligibility Category',
    ],
    ['A8', 'Leaving Care', null, 'Lee Park', 'b) Former relevant child'],
  ],
});

const row = (fields: Partial<RegisterRow> & Pick<RegisterRow, 'row' | 'caseRef'>): RegisterRow => ({
  cohort: 'CIN',
  team: null,
  worker: null,
  teamManager: null,
  locality: null,
  openedOn: null,
  closedOn: null,
  ...fields,
});

describe('parseAnnexA', () => {
  it('reads a messy return into one case per child', async () => {
    const result = await parseAnnexA(await workbook(messy()));
    const cin = 'List 6 - CIN';
    expect(result.format).toBe('annex-a');
    expect(result.rows).toEqual([
      row({
        row: 5,
        source: cin,
        caseRef: 'A1',
        team: 'North CIN',
        worker: 'Jo Smith',
        openedOn: '2024-01-01',
      }),
      row({ row: 6, source: cin, caseRef: 'A2', team: null, worker: 'Ali Khan', openedOn: '2024-03-15' }),
      row({
        row: 3,
        source: 'List8',
        caseRef: 'A3',
        cohort: 'CLA',
        team: 'Central CLA',
        worker: 'Kim Ray',
        openedOn: '2024-02-10',
      }),
      row({
        row: 8,
        source: cin,
        caseRef: 'A4',
        team: 'North CIN',
        worker: 'Jo Smith',
        openedOn: '2023-06-01',
        closedOn: '2024-05-01',
      }),
      row({
        row: 9,
        source: cin,
        caseRef: 'A5',
        team: 'North CIN',
        worker: 'Sam Lee',
        openedOn: '2024-02-01',
      }),
      row({ row: 12, source: cin, caseRef: 'A9', team: null, worker: null, openedOn: '2024-01-01' }),
      row({
        row: 3,
        source: 'List 7',
        caseRef: 'A7',
        cohort: 'CP',
        team: 'South CP',
        worker: 'Pat Jones',
        openedOn: '2023-03-15',
      }),
      row({
        row: 2,
        source: 'List 9 - Care leavers',
        caseRef: 'A8',
        cohort: 'CL',
        team: 'Leaving Care',
        worker: 'Lee Park',
      }),
    ]);
    expect(result.rejected).toEqual([
      { row: 10, source: cin, reason: 'Child Unique ID is blank' },
      { row: 11, source: cin, caseRef: 'A6', reason: 'CIN Start Date "31/02/2024" is not a real date' },
    ]);
  });

  it('returns only register fields: no names, dates of birth, gender or ethnicity', async () => {
    const { rows } = await parseAnnexA(await workbook(messy()));
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(
        [
          'caseRef',
          'closedOn',
          'cohort',
          'locality',
          'openedOn',
          'row',
          'source',
          'team',
          'teamManager',
          'worker',
        ].sort(),
      );
    }
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/Female|Male|WBRI|2012-06-17/);
  });
});
