import { actorInWords, humanise } from '../../web/index.js';
import { actionStateName, actionStateTag } from '../action-status.js';
import type { ActionHistoryItem, ActionRecord } from '../action-record.service.js';
import { rowView } from './tracker-view.js';

/** What each history event was, in a manager's words. */
const EVENT_WORDS: Record<string, string> = {
  CREATE: 'Action raised',
  START: 'Work started',
  RECORD_PROGRESS: 'Progress recorded',
  MARK_DONE: 'Marked as done',
  VERIFY: 'Verified',
  SEND_BACK: 'Sent back',
  CLOSE: 'Closed',
  CANCEL: 'Cancelled',
  REASSIGN: 'Owner changed',
  MOVE_DUE_DATE: 'Due date moved',
  CHASE: 'Chased',
  ESCALATED: 'Escalated to the head of service',
};

/** One history row as a timeline item: what happened, who did it, when, and what they said. */
export function timelineItem(item: ActionHistoryItem) {
  const moved = item.fromState !== item.toState && item.fromState !== '';
  const notes = Object.entries(item.detail ?? {})
    // Ids (an owner's, an audit's) mean nothing on the page: the rest of the detail says it in words.
    .filter(([key, value]) => (typeof value === 'string' || typeof value === 'number') && !/Ids?$/.test(key))
    .map(([key, value]) => ({ label: humanise(key), text: String(value) }));
  return {
    title: EVENT_WORDS[item.event] ?? humanise(item.event),
    by: actorInWords(item.actor),
    at: item.at,
    change: moved ? `${actionStateName(item.fromState)} to ${actionStateName(item.toState)}` : null,
    notes,
  };
}

/** The action's page: its facts, its state and lateness, its history newest first. */
export function actionView(action: ActionRecord, today: string, readerId: number) {
  const row = rowView(action, today);
  return {
    pageTitle: `Action on case ${action.caseRef}`,
    // Its owner came from their own list; everyone else from the tracker.
    backLink:
      readerId === action.ownerId
        ? { text: 'Back to my actions', href: '/my-actions' }
        : { text: 'Back to actions', href: '/actions' },
    action,
    stateTag: actionStateTag(action.state),
    lateTag: row.lateTag,
    dueMoved: action.raisedDueOn !== action.dueOn,
    domain: action.domainKey ? humanise(action.domainKey) : null,
    timeline: [...action.history].reverse().map(timelineItem),
  };
}
