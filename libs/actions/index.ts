// The actions' one door: the module, and the access rule every list and record uses.
export { ActionsModule } from './actions.module.js';
export { Action } from './action.entity.js';
export { ActionNotice, NOTICE_STEPS, type NoticeStep } from './action-notice.entity.js';
export { PlanItem, PLAN_SOURCES, type PlanSource } from './plan-item.entity.js';
export {
  actionReadScope,
  actionsReadableBy,
  managesAction,
  mayReadAction,
  mayVerifyAction,
  type ActionAccessFacts,
} from './action-access.js';
export { ActionsService, type ActionStep } from './actions.service.js';
export { actionView } from './action-record.js';
