import { stringify } from 'csv-stringify/sync';
import { csvText } from './csv-cells.js';

describe('csvText: a cell a spreadsheet shows as text, never runs', () => {
  it.each([
    ['=HYPERLINK("http://x.example","click")', `'=HYPERLINK("http://x.example","click")`],
    ['+44 1234', `'+44 1234`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\tTabbed', `'\tTabbed`],
    ['\rReturn', `'\rReturn`],
    ['Update the chronology', 'Update the chronology'],
    ['a = b', 'a = b'],
    ["'already quoted", "'already quoted"],
    ['', ''],
  ])('%j is exported as %j', (value, expected) => {
    expect(csvText(value)).toBe(expected);
  });

  it('writes nothing for a missing value', () => {
    expect(csvText(null)).toBe('');
    expect(csvText(undefined)).toBe('');
  });

  it('survives csv-stringify’s quoting: the quote stays first inside the quoted cell', () => {
    expect(stringify([[csvText('=1+1,2')]])).toBe(`"'=1+1,2"\n`);
  });
});
