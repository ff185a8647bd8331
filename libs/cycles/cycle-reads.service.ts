import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { Db } from '../persistence/db.service.js';
import { WorkflowRunner } from '../persistence/workflow-runner.service.js';
import { Cycle } from './cycle.entity.js';
import { cycleDocument, type CycleDocument } from './cycle-document.js';
import { requireCycle } from './cycles.service.js';
import { isMonth } from './rules/month.js';

/** Reading cycles: the list, one cycle's document, its history. */
@Injectable()
export class CycleReadsService {
  constructor(
    private readonly db: Db,
    private readonly workflows: WorkflowRunner,
  ) {}

  list() {
    return this.db.read((m) =>
      m.find(Cycle, {
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
      }),
    );
  }

  show(id: number): Promise<CycleDocument> {
    return this.db.read(async (m) => cycleDocument(m, await requireCycle(m, { id })));
  }

  showMonthly(month: string): Promise<CycleDocument> {
    if (!isMonth(month)) throw DomainError.validation('month', 'must be a month YYYY-MM');
    return this.db.read(async (m) => cycleDocument(m, await requireCycle(m, { monthlyKey: month })));
  }

  history(id: number) {
    return this.db.read(async (m) => {
      await requireCycle(m, { id });
      return this.workflows.history(m, 'cycle', id);
    });
  }
}
