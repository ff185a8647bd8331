import { inflateRawSync } from 'node:zlib';
import { xlsxZipBomb } from '../../../test/support/zip-bomb.js';
import { parseAnnexA } from './annex-a.parser.js';
import { DEFAULT_IMPORT_LIMITS, ImportLimitError, type ImportLimits } from './import-limits.js';
import { readZipDirectory } from './zip-entries.js';

async function refusal(
  buffer: Buffer,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<ImportLimitError> {
  const error: unknown = await parseAnnexA(buffer, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof ImportLimitError) return error;
  throw new Error(`expected an ImportLimitError, got ${String(error)}`);
}

describe('parseAnnexA against a zip bomb', () => {
  it('builds a bomb that really inflates hundreds of times over (1.5 GB from 3 MB, as in issue 11)', () => {
    const bomb = xlsxZipBomb({ inflatedMb: 4 });
    const sheet = readZipDirectory(bomb).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const start = sheet.localOffset + 30 + sheet.name.length;
    const inflated = inflateRawSync(bomb.subarray(start, start + sheet.compressedSize));
    expect(inflated.length).toBe(sheet.size);
    expect(inflated.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(sheet.compressedSize * 400).toBeLessThan(inflated.length);
  });

  it('refuses a sheet declaring more than a part may inflate to, before inflating it', async () => {
    const error = await refusal(xlsxZipBomb({ inflatedMb: 1500 }));
    expect(error.limit).toBe('entryBytes');
    expect(error.max).toBe(DEFAULT_IMPORT_LIMITS.entryBytes);
  });

  it('refuses a workbook whose parts together declare more than the total', async () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, inflatedBytes: 2 * 1024 * 1024 };
    const error = await refusal(xlsxZipBomb({ inflatedMb: 3 }), limits);
    expect(error).toMatchObject({ limit: 'inflatedBytes', max: 2 * 1024 * 1024 });
  });

  it('stops a sheet at the first byte past the size it declares (the lie of a zip bomb)', async () => {
    const error = await refusal(xlsxZipBomb({ inflatedMb: 1500, declare: () => 1000 }));
    expect(error).toMatchObject({ limit: 'inflatedBytes', max: 1000 });
    expect(error.message).toContain('xl/worksheets/sheet1.xml');
  });

  it('stops a sheet when the counted bytes pass the part limit, while the rows are being read', async () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, entryBytes: 3 * 1024 * 1024 };
    const error = await refusal(xlsxZipBomb({ inflatedMb: 1500, declare: () => limits.entryBytes }), limits);
    expect(error).toMatchObject({ limit: 'entryBytes', max: limits.entryBytes });
  });

  it('stops a sheet at the row limit', async () => {
    const limits = { ...DEFAULT_IMPORT_LIMITS, rows: 1000 };
    const error = await refusal(xlsxZipBomb({ inflatedMb: 2 }), limits);
    expect(error).toMatchObject({ limit: 'rows', max: 1000 });
    expect(error.message).toContain('Sheet "List 6"');
  });
});
