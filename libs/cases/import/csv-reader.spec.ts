import fc from 'fast-check';
import { CsvSyntaxError, isBlankRecord, parseCsv } from './csv-reader.js';

const fieldsOf = (text: string) => parseCsv(text).map((record) => record.fields);

describe('parseCsv', () => {
  it.each<[string, string, string[][]]>([
    [
      'LF line ends',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF line ends',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'lone CR line ends',
      'a,b\r1,2\r',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'no final line end',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a byte-order mark',
      '\ufeffa,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'empty fields',
      ',\n,x,\n',
      [
        ['', ''],
        ['', 'x', ''],
      ],
    ],
    ['a quoted comma', 'a,"b,c",d', [['a', 'b,c', 'd']]],
    ['escaped quotes', '"say ""hi""",x', [['say "hi"', 'x']]],
    ['a field that is only a quote', '"""",x', [['"', 'x']]],
    ['an empty quoted field', '"",x', [['', 'x']]],
    [
      'a quoted CRLF',
      '"line 1\r\nline 2",x\r\ny,z',
      [
        ['line 1\r\nline 2', 'x'],
        ['y', 'z'],
      ],
    ],
    ['a quoted field at the end of the file', 'a,"b"', [['a', 'b']]],
    ['a quote inside an unquoted field (kept)', 'O"Brien,x', [['O"Brien', 'x']]],
    ['text after a closing quote (kept)', '"North" Team,x', [['North Team', 'x']]],
    ['spaces kept for the caller to trim', ' a , b ', [[' a ', ' b ']]],
    ['a blank line', 'a\n\nb', [['a'], [''], ['b']]],
  ])('reads %s', (_label, input, expected) => {
    expect(fieldsOf(input)).toEqual(expected);
  });

  it('gives each record the line it starts on, counting line breaks inside quotes', () => {
    const records = parseCsv('h1,h2\r\n"a\r\nb\nc",x\r\n\r\nlast,y\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5, 6]);
  });

  it('counts lone-CR line breaks inside quotes', () => {
    expect(parseCsv('"a\rb",x\rc,d').map((r) => r.line)).toEqual([1, 3]);
  });

  it('returns nothing for an empty text', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\ufeff')).toEqual([]);
  });

  it('refuses a quoted field that is never closed, naming its line', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(/line 2/);
  });

  it('reads back whatever an RFC 4180 writer wrote', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'B', ' ', ',', '"', '\n', '\r\n', 'é', '\u00a0') });
    const table = fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), (rows, eol) => {
        const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
        const text = rows.map((row) => row.map(quote).join(',')).join(eol);
        expect(fieldsOf(text)).toEqual(rows);
      }),
    );
  });
});

describe('isBlankRecord', () => {
  it.each<[string[], boolean]>([
    [[''], true],
    [['', ' ', '\t'], true],
    [['', 'x'], false],
  ])('%j → %j', (fields, expected) => {
    expect(isBlankRecord(fields)).toBe(expected);
  });
});
