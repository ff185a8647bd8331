import type { Page as ListPage } from '../../common/index.js';
import type { CycleDocument } from '../../cycles/index.js';
import type { PageView } from '../../web/index.js';

/** The last import as the overview shows it (the import log's own row). */
export interface LastImport {
  createdAt: string;
  files: string;
  asOf: string;
  imported: number;
  updated: number;
  closed: number;
  rejected: number;
  actor: string;
}

export interface AdminOverviewView extends PageView {
  month: string;
  cycle: {
    id: number;
    state: string;
    deadline: string;
    selected: number;
    allocated: number;
    unallocated: number;
    auditCount: number;
    /** Audit states with at least one audit, in the workflow's order. */
    byState: { state: string; count: number }[];
  } | null;
  lastImport: LastImport | null;
  importCount: number;
}

export function overviewView(
  month: string,
  cycle: CycleDocument | null,
  runs: ListPage<LastImport>,
): AdminOverviewView {
  return {
    pageTitle: 'Administration',
    month,
    cycle: cycle && {
      id: cycle.id,
      state: cycle.state,
      deadline: cycle.deadline,
      selected: cycle.selected,
      allocated: cycle.allocated,
      unallocated: cycle.unallocated,
      auditCount: cycle.auditCount,
      byState: Object.entries(cycle.byState)
        .filter(([, count]) => count > 0)
        .map(([state, count]) => ({ state, count })),
    },
    lastImport: runs.items[0] ?? null,
    importCount: runs.total,
  };
}
