/**
 * How much one register upload may ask of the process. Every limit is checked while the file
 * is read, never after: a file that breaks one is refused as soon as it does, and nothing is
 * written. The defaults let a 1,000,000-row register through (a 60 MB CSV of 1.19 million rows
 * is well inside them) and keep a hostile file's cost to a few hundred MB at most.
 */
export interface ImportLimits {
  /** Bytes in each uploaded file, as sent. */
  fileBytes: number;
  /** Bytes one part of a workbook (one zip entry) may inflate to: declared, and counted. */
  entryBytes: number;
  /** Bytes all parts of a workbook together may inflate to: declared, and counted. */
  inflatedBytes: number;
  /** Data rows in one file (one sheet counts its own). */
  rows: number;
  /** Columns in one row. */
  columns: number;
  /** Characters in one cell (Excel's own limit is 32,767). */
  cellChars: number;
}

export type ImportLimitName = keyof ImportLimits;

const MB = 1024 * 1024;

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  fileBytes: 100 * MB,
  entryBytes: 256 * MB,
  inflatedBytes: 512 * MB,
  rows: 2_000_000,
  columns: 256,
  cellChars: 32_767,
};

/** The environment variable that sets each limit. */
export const IMPORT_LIMIT_VARIABLES: Record<ImportLimitName, string> = {
  fileBytes: 'IMPORT_MAX_FILE_BYTES',
  entryBytes: 'IMPORT_MAX_ENTRY_BYTES',
  inflatedBytes: 'IMPORT_MAX_INFLATED_BYTES',
  rows: 'IMPORT_MAX_ROWS',
  columns: 'IMPORT_MAX_COLUMNS',
  cellChars: 'IMPORT_MAX_CELL_CHARS',
};

/**
 * The limits in force. A value that is not a positive whole number stops the caller (the app at
 * start-up): a typo must not switch a limit off.
 */
export function importLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): ImportLimits {
  const limits = { ...DEFAULT_IMPORT_LIMITS };
  for (const name of Object.keys(IMPORT_LIMIT_VARIABLES) as ImportLimitName[]) {
    const variable = IMPORT_LIMIT_VARIABLES[name];
    const raw = env[variable]?.trim();
    if (raw === undefined || raw === '') continue;
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
      throw new Error(`${variable} must be a positive whole number, not ${JSON.stringify(raw)}`);
    }
    limits[name] = Number(raw);
  }
  return limits;
}

/** The upload breaks a limit: refused whole, naming the limit and its value (422). */
export class ImportLimitError extends Error {
  constructor(
    readonly limit: ImportLimitName,
    readonly max: number,
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'ImportLimitError';
  }
}
