import type { Discussion, FamilyFeedback } from '../../../workflows/audit-draft.js';
import type { FieldMap } from '../../web/index.js';
import { dateFromParts, type DateParts, partsOfDate, textOf } from './form-values.js';
import { fieldPath } from './grading-form.js';
import { type FieldWords, messagesIn, own } from './field-words.js';

/** The discussion form as posted: each element's name is its id. */
export interface DiscussionValues extends DateParts {
  happened: '' | 'yes' | 'no';
  summary: string;
  workerReflection: string;
  agreement: string;
  disagreement: string;
  notHeldReason: string;
}

export function discussionValuesFrom(discussion: Discussion | null | undefined): DiscussionValues {
  return {
    happened: discussion ? (discussion.happened ? 'yes' : 'no') : '',
    ...partsOfDate(discussion?.heldOn),
    summary: discussion?.summary ?? '',
    workerReflection: discussion?.workerReflection ?? '',
    agreement: discussion?.agreement ?? '',
    disagreement: discussion?.disagreement ?? '',
    notHeldReason: discussion?.notHeldReason ?? '',
  };
}

export function discussionValuesFromForm(form: Record<string, unknown>): DiscussionValues {
  const happened = textOf(form.happened);
  return {
    happened: happened === 'yes' || happened === 'no' ? happened : '',
    day: textOf(form['heldOn-day']),
    month: textOf(form['heldOn-month']),
    year: textOf(form['heldOn-year']),
    summary: textOf(form.summary),
    workerReflection: textOf(form.workerReflection),
    agreement: textOf(form.agreement),
    disagreement: textOf(form.disagreement),
    notHeldReason: textOf(form.notHeldReason),
  };
}

/** The API's discussion (DiscussionDto without its version): only what the answer asks for. */
export function discussionFromValues(values: DiscussionValues): Record<string, unknown> {
  if (values.happened === 'no') return { happened: false, notHeldReason: values.notHeldReason };
  const discussion: Record<string, unknown> = { happened: true };
  // No date at all is the rule's "give the date", not the DTO's "not a real date".
  const heldOn = dateFromParts(values);
  if (heldOn) discussion.heldOn = heldOn;
  if (values.summary) discussion.summary = values.summary;
  if (values.workerReflection) discussion.workerReflection = values.workerReflection;
  if (values.agreement) discussion.agreement = values.agreement;
  if (values.disagreement) discussion.disagreement = values.disagreement;
  return discussion;
}

const DISCUSSION_IDS: Record<string, string> = {
  happened: 'happened',
  heldOn: 'heldOn-day',
  summary: 'summary',
  workerReflection: 'workerReflection',
  agreement: 'agreement',
  disagreement: 'disagreement',
  notHeldReason: 'notHeldReason',
};

const DISCUSSION_WORDS: Record<string, FieldWords> = {
  happened: { kind: 'choice', noun: 'yes if you discussed the findings with the social worker' },
  heldOn: { kind: 'date', noun: 'the date of the discussion' },
  summary: { kind: 'text', noun: 'what was discussed' },
  workerReflection: { kind: 'text', noun: 'the social worker’s reflection' },
  agreement: { kind: 'choice', noun: 'whether the social worker agrees, partly agrees or disagrees' },
  disagreement: { kind: 'text', noun: 'what the social worker disagrees with' },
  notHeldReason: { kind: 'text', noun: 'why the discussion could not happen' },
};

/** The discussion's own field name, from the rules' `discussion.heldOn` or the DTO's `heldOn`. */
function discussionField(field: string): string | undefined {
  const parts = fieldPath(field);
  // A bare `discussion` is the submission's "record the discussion": it is said as the API says it.
  if (parts[0] === 'discussion') return parts[1];
  return parts[0];
}

/** `discussion.heldOn` (the rules) and `heldOn` (the DTO) both go to the date's first box. */
export const discussionFieldMap: FieldMap = {
  idFor: (field) => DISCUSSION_IDS[discussionField(field) ?? 'happened'],
  messageFor: messagesIn((field) => own(DISCUSSION_WORDS, discussionField(field))),
};

export function feedbackValuesFrom(feedback: FamilyFeedback | null | undefined): FamilyFeedback {
  return { from: feedback?.from ?? '', how: feedback?.how ?? '', said: feedback?.said ?? '' };
}

export function feedbackValuesFromForm(form: Record<string, unknown>): FamilyFeedback {
  return { from: textOf(form.from), how: textOf(form.how), said: textOf(form.said) };
}

const FEEDBACK_WORDS: Record<string, FieldWords> = {
  from: { kind: 'text', noun: 'who gave the feedback' },
  how: { kind: 'text', noun: 'how the feedback was given' },
  said: { kind: 'text', noun: 'what they said' },
};

export const feedbackFieldMap: FieldMap = {
  idFor: (field) => (own(FEEDBACK_WORDS, fieldPath(field)[0]) ? fieldPath(field)[0] : undefined),
  messageFor: messagesIn((field) => own(FEEDBACK_WORDS, fieldPath(field)[0])),
};
