import { DEFAULT_IMPORT_LIMITS, ImportLimitError, importLimitsFromEnv } from './import-limits.js';
import { InflateBudget, RowBudget } from './limit-counters.js';

const limitOf = (run: () => void): { limit: string; max: number } | null => {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof ImportLimitError) return { limit: error.limit, max: error.max };
    throw error;
  }
};

describe('InflateBudget', () => {
  const limits = { entryBytes: 100, inflatedBytes: 250 };

  it.each<[string, [name: string, declared: number][], { limit: string; max: number } | null]>([
    [
      'parts within both limits',
      [
        ['a', 100],
        ['b', 100],
      ],
      null,
    ],
    ['a part declaring more than a part may', [['a', 101]], { limit: 'entryBytes', max: 100 }],
    [
      'parts declaring more than all together may',
      [
        ['a', 100],
        ['b', 100],
        ['c', 51],
      ],
      { limit: 'inflatedBytes', max: 250 },
    ],
  ])('declared sizes: %s', (_case, parts, expected) => {
    const budget = new InflateBudget(limits);
    expect(limitOf(() => parts.forEach(([name, size]) => budget.declare(name, size)))).toEqual(expected);
  });

  it.each<[string, number, number[], { limit: string; max: number } | null]>([
    ['exactly what it declares', 90, [50, 40], null],
    ['one byte past what it declares', 90, [50, 41], { limit: 'inflatedBytes', max: 90 }],
    ['past the part limit (declared at it)', 100, [100, 1], { limit: 'entryBytes', max: 100 }],
  ])('counted bytes: %s', (_case, declared, chunks, expected) => {
    const entry = new InflateBudget(limits).entry('xl/worksheets/sheet1.xml', declared);
    expect(limitOf(() => chunks.forEach((n) => entry.add(n)))).toEqual(expected);
  });

  it('counts every part against the total as it inflates, whatever each declares', () => {
    const budget = new InflateBudget(limits);
    const parts = [budget.entry('a', 100), budget.entry('b', 100), budget.entry('c', 100)];
    expect(limitOf(() => parts.forEach((part) => part.add(100)))).toEqual({
      limit: 'inflatedBytes',
      max: 250,
    });
  });

  it('refuses a part that ends short of what it declares', () => {
    const entry = new InflateBudget(limits).entry('a', 90);
    entry.add(10);
    expect(limitOf(() => entry.end())).toEqual({ limit: 'inflatedBytes', max: 90 });
  });
});

describe('RowBudget', () => {
  const limits = { rows: 2, columns: 3, cellChars: 5 };

  it.each<[string, (budget: RowBudget) => void, { limit: string; max: number } | null]>([
    ['two rows of three cells', (b) => [3, 3].forEach((n) => b.row(n)), null],
    ['a third row', (b) => [1, 1, 1].forEach((n) => b.row(n)), { limit: 'rows', max: 2 }],
    ['a row of four columns', (b) => b.row(4), { limit: 'columns', max: 3 }],
    ['a header of four columns', (b) => b.columns(4), { limit: 'columns', max: 3 }],
    ['a cell of five characters', (b) => b.cells(['abcde', '']), null],
    ['a cell of six characters', (b) => b.cells(['a', 'abcdef']), { limit: 'cellChars', max: 5 }],
  ])('%s', (_case, run, expected) => {
    expect(limitOf(() => run(new RowBudget(limits, 'The CSV')))).toEqual(expected);
  });

  it('names the file in its refusal', () => {
    expect(() => new RowBudget(limits, 'episodes.csv').cell(6)).toThrow(/^episodes\.csv has a cell/);
  });
});

describe('importLimitsFromEnv', () => {
  it('takes the defaults, which let a 1.19-million-row register through', () => {
    expect(importLimitsFromEnv({})).toEqual(DEFAULT_IMPORT_LIMITS);
    expect(DEFAULT_IMPORT_LIMITS.rows).toBeGreaterThan(1_190_000);
    expect(DEFAULT_IMPORT_LIMITS.fileBytes).toBeGreaterThan(60 * 1024 * 1024);
  });

  it('reads each variable', () => {
    const env = {
      IMPORT_MAX_FILE_BYTES: '1',
      IMPORT_MAX_ENTRY_BYTES: '2',
      IMPORT_MAX_INFLATED_BYTES: '3',
      IMPORT_MAX_ROWS: '4',
      IMPORT_MAX_COLUMNS: '5',
      IMPORT_MAX_CELL_CHARS: ' 6 ',
    };
    expect(importLimitsFromEnv(env)).toEqual({
      fileBytes: 1,
      entryBytes: 2,
      inflatedBytes: 3,
      rows: 4,
      columns: 5,
      cellChars: 6,
    });
  });

  it.each(['0', '-1', '1e9', '10MB', 'off', '99999999999999999999'])(
    'refuses %j: a typo must not lift a limit',
    (raw) => {
      expect(() => importLimitsFromEnv({ IMPORT_MAX_ROWS: raw })).toThrow(
        /IMPORT_MAX_ROWS must be a positive whole number/,
      );
    },
  );
});
