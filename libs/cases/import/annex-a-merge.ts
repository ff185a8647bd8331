import type { ListEntry } from './annex-a-sheet.js';
import type { RegisterRow, RejectedRow } from './register-row.js';

/**
 * One case per child, however many lists and rows the child appears on.
 *
 * Open on any list: open, with the most specific open list's cohort (CLA over CL over CP over
 * CIN) and that row's team, worker and opened date. Closed on every list: closed on the latest
 * closure date, with the most specific list's cohort and that row's details.
 *
 * A child with a rejected row is left out entirely, with a rejection of its own: the rejected row
 * might have been the one that decides the cohort, and a case filed under the wrong cohort would
 * be sampled and audited as such.
 */
export function mergeEntries(
  entries: readonly ListEntry[],
  rejected: readonly RejectedRow[],
): { rows: RegisterRow[]; rejected: RejectedRow[] } {
  const byChild = new Map<string, ListEntry[]>();
  for (const entry of entries) {
    const list = byChild.get(entry.caseRef);
    if (list) list.push(entry);
    else byChild.set(entry.caseRef, [entry]);
  }
  const firstRejection = new Map<string, RejectedRow>();
  for (const r of rejected)
    if (r.caseRef !== undefined && !firstRejection.has(r.caseRef)) firstRejection.set(r.caseRef, r);

  const rows: RegisterRow[] = [];
  const withheld: RejectedRow[] = [];
  for (const [caseRef, childEntries] of byChild) {
    const bad = firstRejection.get(caseRef);
    if (bad) {
      const kept = childEntries[0];
      const where = bad.source ? ` on sheet "${bad.source}"` : '';
      const reason = `Child Unique ID ${caseRef} not imported: its row ${bad.row}${where} was rejected`;
      withheld.push({ row: kept.row, source: kept.source, caseRef, reason });
      continue;
    }
    rows.push(toRow(childEntries));
  }
  return { rows, rejected: [...rejected, ...withheld] };
}

function toRow(entries: readonly ListEntry[]): RegisterRow {
  const open = entries.filter((entry) => entry.closedOn === null);
  const chosen = open.length > 0 ? pick(open, 'openedOn') : pick(entries, 'closedOn');
  const closedOn =
    open.length > 0 ? null : entries.reduce((latest, e) => later(latest, e.closedOn), null as string | null);
  return {
    row: chosen.row,
    source: chosen.source,
    caseRef: chosen.caseRef,
    cohort: chosen.list.cohort,
    team: chosen.team,
    worker: chosen.worker,
    ...(chosen.workerKey ? { workerKey: chosen.workerKey } : {}),
    teamManager: chosen.teamManager,
    locality: chosen.locality,
    openedOn: chosen.openedOn,
    closedOn,
  };
}

/**
 * The most specific list's entry; among several on that list, the one with the latest `by` date
 * (the current episode), then the first in the workbook.
 */
function pick(entries: readonly ListEntry[], by: 'openedOn' | 'closedOn'): ListEntry {
  let best = entries[0];
  for (const entry of entries.slice(1)) {
    const specificity = entry.list.specificity - best.list.specificity;
    if (specificity > 0 || (specificity === 0 && (entry[by] ?? '') > (best[by] ?? ''))) best = entry;
  }
  return best;
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return b > a ? b : a;
}
