/** An audit's state in words, with a GOV.UK tag colour (the words carry the meaning, not the colour). */
export interface StateTag {
  text: string;
  classes: string;
}

const TAGS: Record<string, StateTag> = {
  unallocated: { text: 'Not allocated', classes: 'govuk-tag--orange' },
  allocated: { text: 'Not started', classes: 'govuk-tag--grey' },
  inProgress: { text: 'Draft', classes: 'govuk-tag--blue' },
  awaitingDiscussion: { text: 'Waiting for discussion', classes: 'govuk-tag--yellow' },
  submitted: { text: 'Submitted', classes: 'govuk-tag--turquoise' },
  inModeration: { text: 'In moderation', classes: 'govuk-tag--purple' },
  completed: { text: 'Completed', classes: 'govuk-tag--green' },
  closed: { text: 'Closed', classes: 'govuk-tag--green' },
  withdrawn: { text: 'Withdrawn', classes: 'govuk-tag--red' },
};

export function auditStateTag(state: string): StateTag {
  return TAGS[state] ?? { text: state, classes: 'govuk-tag--grey' };
}
