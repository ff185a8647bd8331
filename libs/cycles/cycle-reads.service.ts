import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { Db } from '../persistence/index.js';
import { WorkflowRunner } from '../persistence/index.js';
import { Cycle } from './cycle.entity.js';
import { type AuditLineFilter, type CycleFigures, cycleFigures } from '../audits/index.js';
import { entityPage, type Page, type PageRequest } from '../common/index.js';
import {
  allCycleAudits,
  type AuditLine,
  auditCountOf,
  cycleAuditsPage,
  cycleDocument,
  type CycleDocument,
  type CycleView,
  cycleView,
  type CycleWithAudits,
} from './cycle-document.js';
import { requireCycle } from './cycles.service.js';
import { isMonth } from './rules/month.js';

/** A cycle as the list shows it: its own facts and its figures. */
export type CycleListItem = Pick<
  Cycle,
  'id' | 'kind' | 'month' | 'title' | 'state' | 'seed' | 'rate' | 'asOf' | 'deadline'
> &
  CycleFigures & { auditCount: number };

/** Reading cycles: the list, one cycle's document, its history. */
@Injectable()
export class CycleReadsService {
  constructor(
    private readonly db: Db,
    private readonly workflows: WorkflowRunner,
  ) {}

  /**
   * One page of cycles, newest month first, each with its figures (one GROUP BY for the page),
   * counting only the audits `reader` may read.
   */
  list(page: PageRequest, reader: AuthenticatedUser): Promise<Page<CycleListItem>> {
    return this.db.read(async (m) => {
      const cycles = await entityPage(
        m,
        Cycle,
        {
          select: {
            id: true,
            kind: true,
            month: true,
            title: true,
            state: true,
            seed: true,
            rate: true,
            asOf: true,
            deadline: true,
          },
          order: { month: 'DESC', id: 'DESC' },
        },
        page,
      );
      const figures = await cycleFigures(
        m,
        cycles.items.map((c) => c.id),
        reader,
      );
      return {
        ...cycles,
        items: cycles.items.map((c) => {
          const f = figures.get(c.id)!;
          return { ...c, ...f, auditCount: auditCountOf(f) };
        }),
      };
    });
  }

  /** The id of the month's monthly cycle, or null when it has not been opened. */
  monthlyCycleId(month: string): Promise<number | null> {
    if (!isMonth(month)) throw DomainError.validation('month', 'must be a month YYYY-MM');
    return this.db.read(async (m) => (await m.findOneBy(Cycle, { monthlyKey: month }))?.id ?? null);
  }

  /** The cycle's document, its figures counting only what `reader` may read. */
  show(id: number, reader: AuthenticatedUser): Promise<CycleView> {
    return this.db.read(async (m) => cycleView(m, await requireCycle(m, { id }), reader));
  }

  showMonthly(month: string, reader: AuthenticatedUser): Promise<CycleView> {
    if (!isMonth(month)) throw DomainError.validation('month', 'must be a month YYYY-MM');
    return this.db.read(async (m) => cycleView(m, await requireCycle(m, { monthlyKey: month }), reader));
  }

  /**
   * The whole document, the draw's council-wide figures included: for the administrators' own
   * pages (which refuse everyone else) and the operator's CLI.
   */
  showWhole(which: { id: number } | { monthlyKey: string }): Promise<CycleDocument> {
    if ('monthlyKey' in which && !isMonth(which.monthlyKey)) {
      throw DomainError.validation('month', 'must be a month YYYY-MM');
    }
    return this.db.read(async (m) => cycleDocument(m, await requireCycle(m, which)));
  }

  /** One page of the cycle's audits that `reader` may read. */
  audits(
    id: number,
    page: PageRequest,
    filter: AuditLineFilter,
    reader: AuthenticatedUser,
  ): Promise<Page<AuditLine>> {
    return this.db.read(async (m) =>
      cycleAuditsPage(m, (await requireCycle(m, { id })).id, page, filter, reader),
    );
  }

  /** The document with every audit line, unpaged: for the operator's CLI, which prints it all. */
  showWithAudits(which: { id: number } | { monthlyKey: string }): Promise<CycleWithAudits> {
    if ('monthlyKey' in which && !isMonth(which.monthlyKey)) {
      throw DomainError.validation('month', 'must be a month YYYY-MM');
    }
    return this.db.read(async (m) => {
      const cycle = await requireCycle(m, which);
      return { ...(await cycleDocument(m, cycle, null)), audits: await allCycleAudits(m, cycle.id) };
    });
  }

  history(id: number, page: PageRequest) {
    return this.db.read(async (m) => {
      await requireCycle(m, { id });
      return this.workflows.historyPage(m, 'cycle', id, page);
    });
  }
}
