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
export { PlanItemsService, type PlanItemInput, type PlanItemView } from './plan-items.service.js';
export { type PlanActionCounts, type PlanRag, planRag, planRagWords, plusDays } from './rules/plan-rag.js';
// The tracker's read side (issue 13, points 6 and 7).
export { ActionTrackerService, type TrackerCounts, type TrackerPage } from './action-tracker.service.js';
export { ActionRecordService, type ActionRecord, ACTION_ENTITY_TYPE } from './action-record.service.js';
export { type ActionFilter, type ActionSort, type TrackedAction, trackerQuery } from './action-tracker.js';
export {
  ACTION_STATES,
  actionStateName,
  actionStateTag,
  STATUS_GROUPS,
  type StatusGroup,
  timeliness,
} from './action-status.js';
export { csvText } from './csv-cells.js';
// The overdue job: reminders, overdue notices and escalation (issue 13 point 3).
export { OverdueJobModule, OverdueJobScheduleModule } from './overdue-job.module.js';
export { OverdueJobService, type OverdueJobResult } from './overdue-job.service.js';
export { ACTION_JOB_CONFIG, actionJobConfigFromEnv, type ActionJobConfig } from './action-job-config.js';
export { addDays, type NoticePolicy, noticeStepsDue, noticeWindows } from './rules/notice-dates.js';
export { readAllCandidates } from './overdue-candidates.js';
export { ActionsService, type ActionStep } from './actions.service.js';
export { actionView } from './action-record.js';
