import { discussionFieldMap, feedbackFieldMap } from './discussion-form.js';
import { messagesIn, wordedMessage } from './field-words.js';
import { gradingFieldMap } from './grading-form.js';

const tool = {
  domains: [{ key: 'plan', title: 'Quality of the plan', guidance: [] }],
  compliance: [{ key: 'visits', question: 'Were visits on time?' }],
} as never;

describe('rule messages in the page’s words', () => {
  it.each([
    [
      'domains.plan.grade',
      'grade must be one of outstanding, good, requires_improvement, inadequate',
      'Select a grade for Quality of the plan',
    ],
    ['domains.plan', 'grade Quality of the plan', 'Select a grade for Quality of the plan'],
    [
      'domains.plan.evidence',
      'evidence must be at most 10000 characters',
      'The evidence for Quality of the plan must be 10,000 characters or fewer',
    ],
    ['domains.plan.evidence', 'Quality of the plan is graded good: give the evidence', undefined],
    [
      'compliance.visits',
      'answer must be one of yes, no, not_applicable',
      'Select an answer to “Were visits on time?”',
    ],
    [
      'overall.grade',
      'grade must be one of the following values: outstanding, good',
      'Select an overall grade',
    ],
    [
      'overall.rationale',
      'rationale must be shorter than or equal to 10000 characters',
      'The rationale for the overall grade must be 10,000 characters or fewer',
    ],
    ['actions.0.ownerId', 'choose who owns action 1 from the case’s team', 'Select who owns action 1'],
    ['actions.0.why', 'say why action 1 is needed', undefined],
    [
      'actions.1.dueOn',
      'dueOn must be a real date YYYY-MM-DD from 2000-01-01 to 2099-12-31',
      'The due date for action 2 must be a real date',
    ],
    [
      'actions.0.dueOn',
      'an action cannot be due before the audit started (2026-12-01)',
      'Action 1: an action cannot be due before the audit started (1 December 2026)',
    ],
    ['actions.0', 'an action needs what, who owns it and a due date', undefined],
  ])('grading %s: %s', (field, message, expected) => {
    expect(gradingFieldMap(tool).messageFor?.(field, message)).toBe(expected);
  });

  it.each([
    ['discussion.heldOn', 'give the date of the discussion (YYYY-MM-DD)', 'Enter the date of the discussion'],
    [
      'heldOn',
      'heldOn must be a real date YYYY-MM-DD from 2000-01-01 to 2099-12-31',
      'The date of the discussion must be a real date',
    ],
    [
      'discussion.heldOn',
      'the discussion cannot be in the future (today is 2026-12-15)',
      'the discussion cannot be in the future (today is 15 December 2026)',
    ],
    [
      'agreement',
      'agreement must be one of the following values: agrees, partly, disagrees',
      'Select whether the social worker agrees, partly agrees or disagrees',
    ],
    ['discussion.summary', 'summarise what was discussed', undefined],
    ['discussion', 'record the discussion with the social worker, or why it could not happen', undefined],
    ['constructor', 'constructor must not be blank', undefined],
  ])('discussion %s: %s', (field, message, expected) => {
    expect(discussionFieldMap.messageFor?.(field, message)).toBe(expected);
  });

  it.each([
    ['from', 'from must not be blank', 'Enter who gave the feedback'],
    ['how', 'how must be longer than or equal to 1 characters', 'Enter how the feedback was given'],
    [
      'said',
      'said must be shorter than or equal to 10000 characters',
      'What they said must be 10,000 characters or fewer',
    ],
  ])('feedback %s: %s', (field, message, expected) => {
    expect(feedbackFieldMap.messageFor?.(field, message)).toBe(expected);
  });

  it('says a minimum length above one as a minimum, not as "enter"', () => {
    const words = { kind: 'text' as const, noun: 'what is unsafe' };
    expect(wordedMessage(words, 'reason must be longer than or equal to 5 characters')).toBe(
      'What is unsafe must be 5 characters or more',
    );
    expect(wordedMessage(words, 'reason must not be blank')).toBe('Enter what is unsafe');
    expect(messagesIn(() => undefined)('x', 'no date here')).toBeUndefined();
  });
});
