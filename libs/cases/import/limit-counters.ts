import { ImportLimitError, type ImportLimits } from './import-limits.js';

const count = (n: number): string => n.toLocaleString('en-GB');

/**
 * Counts what a workbook's parts inflate to, as the bytes come out of the inflater. A zip bomb
 * declares small sizes and inflates a thousand times over, so the count, not the declaration,
 * is what stops it: an entry is cut off at the first byte past its declared size, its own limit
 * or the workbook's.
 */
export class InflateBudget {
  private total = 0;
  private declaredTotal = 0;

  constructor(private readonly limits: Pick<ImportLimits, 'entryBytes' | 'inflatedBytes'>) {}

  /** Checks a part's declared size before any of it is inflated. */
  declare(name: string, declared: number): void {
    this.declaredTotal += declared;
    if (declared > this.limits.entryBytes) {
      throw new ImportLimitError(
        'entryBytes',
        this.limits.entryBytes,
        `The workbook's part ${name} would inflate to ${count(declared)} bytes, over the limit of ${count(this.limits.entryBytes)}`,
      );
    }
    if (this.declaredTotal > this.limits.inflatedBytes) {
      throw this.overTotal(this.declaredTotal);
    }
  }

  /** A counter for one part's inflated bytes. */
  entry(name: string, declared: number): EntryCounter {
    return new EntryCounter(name, declared, this.limits.entryBytes, (n) => {
      this.total += n;
      if (this.total > this.limits.inflatedBytes) throw this.overTotal(this.total);
    });
  }

  private overTotal(bytes: number): ImportLimitError {
    return new ImportLimitError(
      'inflatedBytes',
      this.limits.inflatedBytes,
      `The workbook inflates to more than ${count(this.limits.inflatedBytes)} bytes (at least ${count(bytes)})`,
    );
  }
}

export class EntryCounter {
  private bytes = 0;

  constructor(
    readonly name: string,
    private readonly declared: number,
    private readonly max: number,
    private readonly onBytes: (n: number) => void,
  ) {}

  add(n: number): void {
    this.bytes += n;
    if (this.bytes > this.max) {
      throw new ImportLimitError(
        'entryBytes',
        this.max,
        `The workbook's part ${this.name} inflates to more than ${count(this.max)} bytes`,
      );
    }
    if (this.bytes > this.declared) {
      // Only a forged or damaged file inflates past what it declares: the classic zip bomb.
      throw new ImportLimitError(
        'inflatedBytes',
        this.declared,
        `The workbook's part ${this.name} inflates to more than the ${count(this.declared)} bytes it declares`,
      );
    }
    this.onBytes(n);
  }

  /** A part that inflates to less than it declares is damaged (or hides what follows it). */
  end(): void {
    if (this.bytes !== this.declared) {
      throw new ImportLimitError(
        'inflatedBytes',
        this.declared,
        `The workbook's part ${this.name} inflates to ${count(this.bytes)} bytes, not the ${count(this.declared)} it declares`,
      );
    }
  }
}

/**
 * Rows, columns and cell length of one table (a CSV file or one sheet), checked as each row is
 * read, so a refused file never has more than one row over the limit in memory.
 */
export class RowBudget {
  private rows = 0;

  constructor(
    private readonly limits: Pick<ImportLimits, 'rows' | 'columns' | 'cellChars'>,
    private readonly where: string,
  ) {}

  /** One data row of `columns` cells (the header row is checked with {@link columns} only). */
  row(columns: number): void {
    if (++this.rows > this.limits.rows) {
      throw new ImportLimitError(
        'rows',
        this.limits.rows,
        `${this.where} has more than ${count(this.limits.rows)} rows`,
      );
    }
    this.columns(columns);
  }

  columns(columns: number): void {
    if (columns > this.limits.columns) {
      throw new ImportLimitError(
        'columns',
        this.limits.columns,
        `${this.where} has a row of ${count(columns)} columns, over the limit of ${count(this.limits.columns)}`,
      );
    }
  }

  cell(chars: number): void {
    if (chars > this.limits.cellChars) {
      throw new ImportLimitError(
        'cellChars',
        this.limits.cellChars,
        `${this.where} has a cell of more than ${count(this.limits.cellChars)} characters`,
      );
    }
  }

  /** Each field's length, in one loop: this runs once per row of a million-row file. */
  cells(fields: readonly string[]): void {
    const max = this.limits.cellChars;
    for (let i = 0; i < fields.length; i++) if (fields[i].length > max) this.cell(fields[i].length);
  }
}
