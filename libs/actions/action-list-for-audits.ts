import { Global, Injectable, Module } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/index.js';
import { AuditActionList, type AuditActionLine } from '../audits/index.js';
import { Clock } from '../clock/index.js';
import { actionStateTag } from './action-status.js';
import { ActionRecordService } from './action-record.service.js';
import { rowView } from './pages/tracker-view.js';

/** The audits' port, answered by the tracker's scoped query (libs/audits/audit-action-list.port.ts). */
@Injectable()
export class ActionListForAudits extends AuditActionList {
  constructor(
    private readonly records: ActionRecordService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async forAudit(auditId: number, reader: AuthenticatedUser): Promise<AuditActionLine[]> {
    const today = this.clock.today();
    return (await this.records.forAudit(auditId, reader)).map((action) => ({
      id: action.id,
      what: action.what,
      owner: action.owner,
      dueOn: action.dueOn,
      state: actionStateTag(action.state),
      late: rowView(action, today).lateTag,
    }));
  }
}

/** Global only for the port: the audits feature reads it but may not import this feature. */
@Global()
@Module({
  providers: [ActionRecordService, { provide: AuditActionList, useClass: ActionListForAudits }],
  exports: [AuditActionList, ActionRecordService],
})
export class ActionListForAuditsModule {}
