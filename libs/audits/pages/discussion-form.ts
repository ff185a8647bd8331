import type { Discussion, FamilyFeedback } from '../../../workflows/audit-draft.js';
import type { FieldMap } from '../../web/index.js';
import { dateFromParts, type DateParts, partsOfDate, textOf } from './form-values.js';
import { fieldPath } from './grading-form.js';

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
  const discussion: Record<string, unknown> = { happened: true, heldOn: dateFromParts(values) };
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

/** `discussion.heldOn` (the rules) and `heldOn` (the DTO) both go to the date's first box. */
export const discussionFieldMap: FieldMap = {
  idFor: (field) => {
    const parts = fieldPath(field);
    const name = parts[0] === 'discussion' ? (parts[1] ?? 'happened') : parts[0];
    return DISCUSSION_IDS[name];
  },
};

export function feedbackValuesFrom(feedback: FamilyFeedback | null | undefined): FamilyFeedback {
  return { from: feedback?.from ?? '', how: feedback?.how ?? '', said: feedback?.said ?? '' };
}

export function feedbackValuesFromForm(form: Record<string, unknown>): FamilyFeedback {
  return { from: textOf(form.from), how: textOf(form.how), said: textOf(form.said) };
}

export const feedbackFieldMap: FieldMap = {
  idFor: (field) => (['from', 'how', 'said'].includes(fieldPath(field)[0]) ? fieldPath(field)[0] : undefined),
  labelFor: (field) =>
    ({ from: 'Who gave the feedback', how: 'How it was given', said: 'What they said' })[fieldPath(field)[0]],
};
