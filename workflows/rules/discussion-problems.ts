import type { Discussion } from '../audit-draft.js';
import type { RuleProblem } from './grading-problems.js';

/** Not text, or only spaces: a number or object from a careless client counts as blank, never a crash. */
const blank = (text: unknown) => typeof text !== 'string' || text.trim() === '';

/**
 * A discussion with the social worker is recorded when it says when it happened, what was
 * discussed and whether the worker agrees (with the disagreement noted unless they agree), or,
 * when it could not happen, why not.
 */
export function discussionProblems(discussion: Discussion): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (field: string, message: string) =>
    problems.push({ rule: 'discussion-recorded', field: `discussion.${field}`, message });
  if (!discussion.happened) {
    if (blank(discussion.notHeldReason))
      add('notHeldReason', 'say why the discussion with the social worker could not happen');
    return problems;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(discussion.heldOn ?? ''))
    add('heldOn', 'give the date of the discussion (YYYY-MM-DD)');
  if (blank(discussion.summary)) add('summary', 'summarise what was discussed');
  if (!discussion.agreement)
    add('agreement', 'record whether the social worker agrees, partly agrees or disagrees');
  else if (discussion.agreement !== 'agrees' && blank(discussion.disagreement)) {
    add('disagreement', 'note what the social worker disagrees with');
  }
  return problems;
}
