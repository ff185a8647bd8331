import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { Db } from '../persistence/db.service.js';
import { WorkflowRunner } from '../persistence/workflow-runner.service.js';
import { Cycle } from './cycle.entity.js';
import { entityPage, type Page, type PageRequest } from '../common/paging.js';
import {
  allCycleAudits,
  type AuditLine,
  cycleAuditsPage,
  cycleDocument,
  type CycleDocument,
  type CycleWithAudits,
} from './cycle-document.js';
import { requireCycle } from './cycles.service.js';
import { isMonth } from './rules/month.js';

/** Reading cycles: the list, one cycle's document, its history. */
@Injectable()
export class CycleReadsService {
  constructor(
    private readonly db: Db,
    private readonly workflows: WorkflowRunner,
  ) {}

  list(page: PageRequest) {
    return this.db.read((m) =>
      entityPage(
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
      ),
    );
  }

  show(id: number): Promise<CycleDocument> {
    return this.db.read(async (m) => cycleDocument(m, await requireCycle(m, { id })));
  }

  showMonthly(month: string): Promise<CycleDocument> {
    if (!isMonth(month)) throw DomainError.validation('month', 'must be a month YYYY-MM');
    return this.db.read(async (m) => cycleDocument(m, await requireCycle(m, { monthlyKey: month })));
  }

  /** One page of the cycle's audits. */
  audits(id: number, page: PageRequest): Promise<Page<AuditLine>> {
    return this.db.read(async (m) => cycleAuditsPage(m, (await requireCycle(m, { id })).id, page));
  }

  /** The document with every audit line, unpaged: for the operator's CLI, which prints it all. */
  showWithAudits(which: { id: number } | { monthlyKey: string }): Promise<CycleWithAudits> {
    if ('monthlyKey' in which && !isMonth(which.monthlyKey)) {
      throw DomainError.validation('month', 'must be a month YYYY-MM');
    }
    return this.db.read(async (m) => {
      const cycle = await requireCycle(m, which);
      return { ...(await cycleDocument(m, cycle)), audits: await allCycleAudits(m, cycle.id) };
    });
  }

  history(id: number, page: PageRequest) {
    return this.db.read(async (m) => {
      await requireCycle(m, { id });
      return this.workflows.historyPage(m, 'cycle', id, page);
    });
  }
}
