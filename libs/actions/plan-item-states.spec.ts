import { CLOSED_STATES, RESOLVED_STATES, WORK_OWED_STATES } from './plan-item-states.js';

describe('the action states a plan item’s RAG counts, read from the action machine', () => {
  it('are the work owed, the resolved and, of those, the closed (not cancelled) states', () => {
    expect({ workOwed: WORK_OWED_STATES, resolved: RESOLVED_STATES, closed: CLOSED_STATES }).toEqual({
      workOwed: ['open', 'inProgress'],
      resolved: ['closed', 'cancelled'],
      closed: ['closed'],
    });
  });
});
