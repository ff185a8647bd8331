import { ActionTrackerController } from './action-tracker.controller.js';
import { ActionTrackerService } from './action-tracker.service.js';
import { ActionListForAuditsModule } from './action-list-for-audits.js';
import { ActionPageController } from './pages/action.page-controller.js';
import { TrackerPageController } from './pages/tracker.page-controller.js';

// The tracker's read side, grouped so that the actions module lists it in one word each.
export const TRACKER_IMPORTS = [ActionListForAuditsModule];
export const TRACKER_CONTROLLERS = [ActionTrackerController, TrackerPageController, ActionPageController];
export const TRACKER_PROVIDERS = [ActionTrackerService];
