import type { CellValue } from 'exceljs';
import { cellDate, cellText, plainValue } from './annex-a-cells.js';

describe('plainValue', () => {
  const date = new Date(Date.UTC(2024, 0, 1));
  it.each<[string, CellValue, unknown]>([
    ['empty', null, null],
    ['undefined', undefined, null],
    ['text', 'North', 'North'],
    ['a number', 42, 42],
    ['a boolean', true, true],
    ['a date', date, date],
    ['rich text', { richText: [{ text: 'North ' }, { text: 'CIN', font: { bold: true } }] }, 'North CIN'],
    ['a formula', { formula: 'VLOOKUP(A2,Teams!A:B,2,0)', result: 'East CP' }, 'East CP'],
    ['a formula without a cached result', { formula: 'A1' }, null],
    ['a formula that failed', { formula: 'VLOOKUP(A2,T!A:B,2,0)', result: { error: '#N/A' } }, '#N/A'],
    ['a shared formula', { sharedFormula: 'B2', result: 45292 }, 45292],
    ['a hyperlink', { text: 'Jo Smith', hyperlink: 'mailto:jo@example.org' }, 'Jo Smith'],
    ['an error', { error: '#REF!' }, '#REF!'],
  ])('%s', (_label, value, expected) => {
    expect(plainValue(value)).toEqual(expected);
  });
});

describe('cellText', () => {
  it.each<[string, CellValue, string | null]>([
    ['trims and collapses NBSP', '\u00a0North\u00a0 CIN ', 'North CIN'],
    ['a numeric ID', 123456, '123456'],
    ['a date', new Date(Date.UTC(2024, 1, 29)), '2024-02-29'],
    ['#N/A text', '#N/A', null],
    ['an #N/A formula result', { formula: 'X', result: { error: '#N/A' } }, null],
    ['rich text with spaces only', { richText: [{ text: ' ' }, { text: '\u00a0' }] }, null],
    ['a boolean', false, 'false'],
  ])('%s', (_label, value, expected) => {
    expect(cellText(value)).toBe(expected);
  });
});

describe('cellDate', () => {
  it.each<[string, CellValue, boolean, unknown]>([
    ['a Date cell', new Date(Date.UTC(2024, 0, 1)), false, '2024-01-01'],
    ['a serial number', 45292, false, '2024-01-01'],
    ['a serial in a 1904 workbook', 43830, true, '2024-01-01'],
    [
      'a Date cell in a 1904 workbook (exceljs converts those)',
      new Date(Date.UTC(2024, 0, 1)),
      true,
      '2024-01-01',
    ],
    ['text', ' 01/01/2024 ', false, '2024-01-01'],
    [
      'a formula giving a date',
      { formula: 'A1+1', result: new Date(Date.UTC(2024, 0, 2)) },
      false,
      '2024-01-02',
    ],
    ['rich text', { richText: [{ text: '02/01/' }, { text: '2024' }] }, false, '2024-01-02'],
    ['blank', null, false, null],
    ['#N/A', { error: '#N/A' }, false, null],
    ['an impossible date', '31/02/2024', false, { error: '"31/02/2024" is not a real date' }],
    ['a boolean', true, false, { error: 'TRUE is not a date' }],
  ])('%s', (_label, value, date1904, expected) => {
    expect(cellDate(value, date1904)).toEqual(expected);
  });

  it('reads "Open" in a closure column as no date, and as an invalid one elsewhere', () => {
    expect(cellDate('Open', false, true)).toBeNull();
    expect(cellDate({ richText: [{ text: 'Ongoing' }] }, false, true)).toBeNull();
    expect(cellDate('Open', false)).toEqual({
      error: '"Open" is not a date (expected dd/mm/yyyy or yyyy-mm-dd)',
    });
  });
});
