import fc from 'fast-check';
import { parseCsvRegister } from './csv-register.parser.js';
import { forEachCsvRecordIn, parseCsv } from './csv-reader.js';
import { DEFAULT_IMPORT_LIMITS, ImportLimitError, type ImportLimits } from './import-limits.js';
import { parseSsda903 } from './ssda903.parser.js';
import { decodeTextChunks } from './text-decode.js';

const HEADER = 'case_ref,cohort,team,worker,opened_on\n';
const rows = (n: number) => Array.from({ length: n }, (_, i) => `C${i},CIN,T,W,2025-01-01\n`).join('');

function limitOf(run: () => unknown): { limit: string; max: number } {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportLimitError) return { limit: error.limit, max: error.max };
    throw error;
  }
  throw new Error('expected an ImportLimitError');
}

describe('a CSV read in chunks', () => {
  it('splits into the same records wherever the chunks break', () => {
    const field = fc.oneof(
      fc.constantFrom('', 'a', '"q ""x"""', '"a,b"', '"line\r\nbreak"', 'é€'),
      fc.string(),
    );
    const csv = fc
      .array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 })
      .chain((records) =>
        fc.tuple(
          fc.constant(
            records.map((r) => r.join(',')).join(fc.sample(fc.constantFrom('\n', '\r\n', '\r'), 1)[0]),
          ),
          fc.array(fc.nat(), { maxLength: 5 }),
        ),
      );
    fc.assert(
      fc.property(csv, ([text, cuts]) => {
        const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, i) => text.slice(from, [...at, text.length][i]));
        const read: { line: number; fields: string[] }[] = [];
        let whole: unknown;
        try {
          whole = parseCsv(text);
        } catch (error) {
          whole = (error as Error).name;
        }
        try {
          forEachCsvRecordIn(chunks, (fields, line) => read.push({ line, fields }), Infinity);
        } catch (error) {
          return expect((error as Error).name).toBe(whole);
        }
        expect(read).toEqual(whole);
      }),
    );
  });

  it('decodes a character split between chunks whole, in each encoding', () => {
    const utf8 = Buffer.from('Zoë€,x', 'utf8');
    expect([...decodeTextChunks(utf8, 3)].join('')).toBe('Zoë€,x');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Zoë,x', 'utf16le')]);
    expect([...decodeTextChunks(utf16, 3)].join('')).toBe('Zoë,x');
    expect([...decodeTextChunks(Buffer.from([0x5a, 0x80, 0x93]), 1)].join('')).toBe('Z€“');
  });
});

describe('parseCsvRegister and parseSsda903 under the limits', () => {
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, rows: 3, columns: 6, cellChars: 10 };

  it.each<[string, string, { limit: string; max: number }]>([
    [
      'a fourth data row (blank lines are not rows)',
      HEADER + rows(3) + '\n\n' + rows(1),
      { limit: 'rows', max: 3 },
    ],
    ['a row of seven columns', HEADER + 'C1,CIN,T,W,2025-01-01,,x\n', { limit: 'columns', max: 6 }],
    [
      'a header of seven columns',
      'case_ref,cohort,team,worker,opened_on,a,b\n',
      { limit: 'columns', max: 6 },
    ],
    [
      'a cell of eleven characters',
      HEADER + 'C1234567890,CIN,T,W,2025-01-01\n',
      { limit: 'cellChars', max: 10 },
    ],
    ['a quote never closed', HEADER + 'C1,"CIN' + ',x'.repeat(2_000_000), { limit: 'cellChars', max: 10 }],
  ])('refuses %s', (_case, csv, expected) => {
    expect(limitOf(() => parseCsvRegister(Buffer.from(csv), limits))).toEqual(expected);
  });

  it('reads a file at the limits', () => {
    expect(parseCsvRegister(Buffer.from(HEADER + rows(3)), limits).rows).toHaveLength(3);
  });

  it('names the SSDA903 file that breaks a limit', () => {
    const header = 'CHILD\n1\n2\n3\n4\n';
    let error: unknown;
    try {
      parseSsda903({ header, episodes: 'CHILD,DECOM,DEC\n' }, limits);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportLimitError);
    expect(error).toMatchObject({ limit: 'rows', file: 'header.csv' });
  });
});
