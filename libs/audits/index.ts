// The audits' one door: the module and services, and what cycles use to create and read the
// audits of a cycle (the audits table is named only inside this feature).
export { AuditsModule } from './audits.module.js';
export { AuditsService } from './audits.service.js';
export { AuditViewService } from './audit-view.service.js';
export { AuditCycles, type CycleOfAudit } from './audit-cycles.port.js';
export { AuditActions, type RaisingAudit } from './audit-actions.port.js';
export { AuditClosure, SYSTEM_ACTOR } from './audit-closure.js';
export {
  AUDIT_STATES,
  type AuditLine,
  type AuditLineFilter,
  auditLinesOf,
  auditLinesCountQuery,
  auditLinesQuery,
  auditsAllocatedToQuery,
  REALLOCATABLE_STATES,
  toAuditLine,
} from './audit-lines.js';
export {
  auditedCases,
  type AuditForAllocation,
  auditForAllocation,
  auditorLoads,
  openAuditCount,
  reallocateAudit,
  unfinishedAuditCount,
  withdrawAudit,
} from './cycle-audits.js';
export { type CycleFigures, cycleFigures, figuresOf } from './cycle-figures.js';
export { type NewAudit, storeAudits } from './store-audits.js';
export {
  groupOfState,
  isOpenGroup,
  MY_AUDIT_GROUPS,
  type MyAuditGroup,
  STATES_OF_GROUP,
} from './my-audit-groups.js';
export { auditStateTag, type StateTag } from './audit-state-labels.js';
export { auditAccess, auditReadScope, readableBy, readsEveryAudit } from './audit-access.js';
export { AUDIT_SQL } from './audit-sql.js';
export { AuditActionList, type AuditActionLine } from './audit-action-list.port.js';
