import fc from 'fast-check';
import { isInvalidDate, parseClosedDate, parseRegisterDate } from './register-date.js';

describe('parseRegisterDate', () => {
  it.each<[string, unknown, string]>([
    ['Excel serial for 2024-01-01', 45292, '2024-01-01'],
    ['Excel serial with a time of day', 45292.75, '2024-01-01'],
    ['serial 1 (first day of the 1900 system)', 1, '1900-01-01'],
    ['serial 59, the day before the fake leap day', 59, '1900-02-28'],
    ['serial 61, the day after the fake leap day', 61, '1900-03-01'],
    ['serial 36526', 36526, '2000-01-01'],
    ['serial for a leap day that exists', 45351, '2024-02-29'],
    ['Date at UTC midnight (exceljs date cell)', new Date(Date.UTC(2024, 2, 31)), '2024-03-31'],
    ['Date late in the UTC day keeps its UTC date', new Date('2023-12-31T23:30:00Z'), '2023-12-31'],
    ['dd/mm/yyyy', '03/04/2024', '2024-04-03'],
    ['d/m/yyyy', '3/4/2024', '2024-04-03'],
    ['dd-mm-yyyy', '03-04-2024', '2024-04-03'],
    ['dd.mm.yyyy', '03.04.2024', '2024-04-03'],
    ['yyyy-mm-dd', '2024-04-03', '2024-04-03'],
    ['ISO date-time', '2024-04-03T00:00:00Z', '2024-04-03'],
    ['SQL date-time', '2024-04-03 00:00:00.000', '2024-04-03'],
    ['dd/mm/yyyy with a time', '03/04/2024 00:00', '2024-04-03'],
    ['day and month name', '3 Apr 2024', '2024-04-03'],
    ['day-month name-year', '03-Apr-2024', '2024-04-03'],
    ['full month name', '3 September 2024', '2024-09-03'],
    ['Sept', '30 Sept 2024', '2024-09-30'],
    ['surrounding spaces', '  03/04/2024 ', '2024-04-03'],
    ['non-breaking spaces', '\u00a003/04/2024\u00a0', '2024-04-03'],
    ['29 February in a leap year', '29/02/2024', '2024-02-29'],
    ['29 February 2000 (divisible by 400)', '29/02/2000', '2000-02-29'],
    ['a serial written as text', '45292', '2024-01-01'],
  ])('reads %s', (_label, input, expected) => {
    expect(parseRegisterDate(input)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['empty text', ''],
    ['spaces', '   '],
    ['a non-breaking space', '\u00a0'],
    ['#N/A', '#N/A'],
    ['N/A', 'n/a'],
    ['NULL', 'NULL'],
    ['a dash', '-'],
  ])('treats %s as no date', (_label, input) => {
    expect(parseRegisterDate(input)).toBeNull();
  });

  it.each<[string, unknown, RegExp]>([
    ['31 February', '31/02/2024', /not a real date/],
    ['29 February in a common year', '29/02/2023', /not a real date/],
    ['29 February 1900 (not a leap year)', '29/02/1900', /not a real date/],
    ['month 13', '01/13/2024', /not a real date/],
    ['day 0', '00/01/2024', /not a real date/],
    ['a two-digit year', '03/04/24', /two-digit year/],
    ['a two-digit year with a month name', '1-Jan-24', /two-digit year/],
    ['a year out of range', '01/01/0024', /implausible year/],
    ['garbage', 'soon', /is not a date/],
    ['a made-up month name', '3 Foo 2024', /is not a date/],
    ['mixed separators', '03/04-2024', /is not a date/],
    ['US order that cannot be a UK date', '12/31/2024', /not a real date/],
    ['serial 60, Excel’s fake 29/02/1900', 60, /does not exist/],
    ['serial 0', 0, /not an Excel date serial/],
    ['a negative serial', -5, /not an Excel date serial/],
    ['a serial past year 9999', 3_000_000, /not an Excel date serial/],
    ['NaN', Number.NaN, /not a date/],
    ['an invalid Date', new Date('nonsense'), /invalid date/],
    ['a boolean', true, /not a date/],
  ])('flags %s as invalid', (_label, input, message) => {
    const result = parseRegisterDate(input);
    expect(isInvalidDate(result)).toBe(true);
    expect(isInvalidDate(result) && result.error).toMatch(message);
  });

  it('reads every real day of 1900-2100 the same from dd/mm/yyyy, yyyy-mm-dd, a Date and a serial', () => {
    const day = fc.integer({ min: Date.UTC(1900, 2, 1), max: Date.UTC(2100, 11, 31) }).map((ms) => {
      return new Date(Math.floor(ms / 86_400_000) * 86_400_000);
    });
    fc.assert(
      fc.property(day, (date) => {
        const iso = date.toISOString().slice(0, 10);
        const [y, m, d] = iso.split('-');
        const serial = (date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
        return (
          parseRegisterDate(`${d}/${m}/${y}`) === iso &&
          parseRegisterDate(`${Number(d)}/${Number(m)}/${y}`) === iso &&
          parseRegisterDate(iso) === iso &&
          parseRegisterDate(date) === iso &&
          parseRegisterDate(serial) === iso
        );
      }),
    );
  });
});

describe('parseClosedDate', () => {
  it.each<[unknown, unknown]>([
    ['Open', null],
    [' ongoing ', null],
    ['CURRENT', null],
    ['Still\u00a0open', null],
    ['', null],
    ['#N/A', null],
    ['01/02/2024', '2024-02-01'],
    [45292, '2024-01-01'],
    ['Opened', { error: '"Opened" is not a date (expected dd/mm/yyyy or yyyy-mm-dd)' }],
  ])('%j → %j', (input, expected) => {
    expect(parseClosedDate(input)).toEqual(expected);
  });

  it('does not treat "Open" as blank for an opened date', () => {
    expect(isInvalidDate(parseRegisterDate('Open'))).toBe(true);
  });
});
