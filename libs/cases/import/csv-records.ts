import { forEachCsvRecordIn, isBlankRecord } from './csv-reader.js';
import { ImportLimitError, type ImportLimits } from './import-limits.js';
import { RowBudget } from './limit-counters.js';
import { decodeTextChunks } from './text-decode.js';

/**
 * The records of a register CSV, decoded and split a megabyte at a time, each checked against
 * the limits before the caller sees it: the columns of every record, the characters of every
 * cell, and the number of data rows (blank lines are not rows). `where` names the file in the
 * refusal.
 */
export function forEachRegisterRecord(
  content: string | Buffer,
  limits: ImportLimits,
  where: string,
  onRecord: (fields: string[], line: number) => void,
): void {
  const budget = new RowBudget(limits, where);
  let headerRead = false;
  // A record longer than this has a cell or a column over its limit, or a quote never closed.
  const maxRecordChars = limits.columns * (limits.cellChars + 3);
  const overlong = (chars: number): never => {
    throw new ImportLimitError(
      'cellChars',
      limits.cellChars,
      `${where} has a record running past ${chars.toLocaleString('en-GB')} characters: a cell is over the limit, or a quote is never closed`,
    );
  };
  forEachCsvRecordIn(
    decodeTextChunks(content),
    (fields, line) => {
      budget.columns(fields.length);
      budget.cells(fields);
      if (!isBlankRecord(fields)) {
        if (headerRead) budget.row(fields.length);
        headerRead = true;
      }
      onRecord(fields, line);
    },
    maxRecordChars,
    overlong,
  );
}
