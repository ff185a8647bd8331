import { auditStateName } from '../web/index.js';

/** An audit's state in words, with a GOV.UK tag colour (the words carry the meaning, not the colour). */
export interface StateTag {
  text: string;
  classes: string;
}

/** The colours only: the words come from the one list of state names (libs/web/view-filters.ts). */
const COLOURS: Record<string, string> = {
  unallocated: 'govuk-tag--orange',
  allocated: 'govuk-tag--grey',
  inProgress: 'govuk-tag--blue',
  awaitingDiscussion: 'govuk-tag--yellow',
  submitted: 'govuk-tag--turquoise',
  inModeration: 'govuk-tag--purple',
  completed: 'govuk-tag--green',
  closed: 'govuk-tag--green',
  withdrawn: 'govuk-tag--red',
};

export function auditStateTag(state: string): StateTag {
  return { text: auditStateName(state), classes: COLOURS[state] ?? 'govuk-tag--grey' };
}
