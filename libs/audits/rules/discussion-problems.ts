import { isBlank as blank } from '../../common/blank-text.js';
import { isCalendarDate } from '../../common/calendar.js';
import type { Discussion } from '../audit-draft.js';
import type { RuleProblem } from './grading-problems.js';

/**
 * The days a discussion can have been held on: from the audit's start to today (London dates).
 * The machine's guard checks the record without it (machines read no clock); the service adds it.
 */
export interface DiscussionWindow {
  startedOn?: string;
  today: string;
}

/**
 * A discussion with the social worker is recorded when it says when it happened (not in the
 * future, nor before the audit started), what was discussed and whether the worker agrees (with
 * the disagreement noted unless they agree), or, when it could not happen, why not.
 */
export function discussionProblems(discussion: Discussion, window?: DiscussionWindow): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (field: string, message: string) =>
    problems.push({ rule: 'discussion-recorded', field: `discussion.${field}`, message });
  if (!discussion.happened) {
    if (blank(discussion.notHeldReason))
      add('notHeldReason', 'say why the discussion with the social worker could not happen');
    return problems;
  }
  const heldOn = discussion.heldOn;
  if (!isCalendarDate(heldOn)) add('heldOn', 'give the date of the discussion (YYYY-MM-DD)');
  else if (window && heldOn > window.today)
    add('heldOn', `the discussion cannot be in the future (today is ${window.today})`);
  else if (window?.startedOn !== undefined && heldOn < window.startedOn)
    add('heldOn', `the discussion cannot be before the audit started (${window.startedOn})`);
  if (blank(discussion.summary)) add('summary', 'summarise what was discussed');
  if (!discussion.agreement)
    add('agreement', 'record whether the social worker agrees, partly agrees or disagrees');
  else if (discussion.agreement !== 'agrees' && blank(discussion.disagreement)) {
    add('disagreement', 'note what the social worker disagrees with');
  }
  return problems;
}
