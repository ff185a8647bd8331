import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import type { AuthenticatedUser } from '../auth/index.js';
import type { ActionFilter, ActionSort, TrackedAction } from './action-tracker.js';
import type { ActionTrackerService } from './action-tracker.service.js';
import { csvText } from './csv-cells.js';

/** The export's columns: what the tracker's table shows, in its words. */
export const CSV_COLUMNS: [header: string, cell: (a: TrackedAction) => string | number][] = [
  ['Action', (a) => a.id],
  ['Case reference', (a) => csvText(a.caseRef)],
  ['What must change', (a) => csvText(a.what)],
  ['Owner', (a) => csvText(a.owner)],
  ['Team', (a) => csvText(a.team)],
  ['Locality', (a) => csvText(a.locality)],
  ['Due date', (a) => a.dueOn],
  ['State', (a) => a.stateName],
  ['Days overdue', (a) => a.daysOverdue],
  ['Plan item', (a) => csvText(a.planItem)],
  ['Audit', (a) => a.auditId],
];

/** One exported row: each person-written cell neutralised, so no spreadsheet runs it. */
export function csvRow(action: TrackedAction): (string | number)[] {
  return CSV_COLUMNS.map(([, cell]) => cell(action));
}

/**
 * Streams every action the filter shows as CSV, a slice at a time, to the response: what the
 * tracker lists on all its pages, in its order, and nothing the reader may not read.
 */
export async function sendActionsCsv(
  tracker: ActionTrackerService,
  reader: AuthenticatedUser,
  filter: ActionFilter,
  sort: ActionSort,
  response: Response,
  today: string,
): Promise<void> {
  response.status(200);
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="actions-${today}.csv"`);
  const csv = stringify({ header: true, columns: CSV_COLUMNS.map(([header]) => header) });
  csv.pipe(response);
  try {
    await tracker.forEachSlice(reader, filter, sort, async (rows) => {
      for (const row of rows) {
        if (!csv.write(csvRow(row))) await new Promise((resolve) => csv.once('drain', resolve));
      }
    });
  } catch (error) {
    csv.unpipe(response);
    csv.destroy();
    // Nothing sent yet: the error filter answers. Half sent: cut it off, so that a broken
    // export can never pass for a complete one.
    if (!response.headersSent) throw error;
    response.destroy(error as Error);
    return;
  }
  csv.end();
}
