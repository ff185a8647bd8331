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
// The overdue job: reminders, overdue notices and escalation (issue 13 point 3).
export { OverdueJobModule, OverdueJobScheduleModule } from './overdue-job.module.js';
export { OverdueJobService, type OverdueJobResult } from './overdue-job.service.js';
export { ACTION_JOB_CONFIG, actionJobConfigFromEnv, type ActionJobConfig } from './action-job-config.js';
export { addDays, type NoticePolicy, noticeStepsDue, noticeWindows } from './rules/notice-dates.js';
export { readAllCandidates } from './overdue-candidates.js';
