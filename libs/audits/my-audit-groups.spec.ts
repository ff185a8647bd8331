import { auditMachine } from '../../workflows/audit.machine.js';
import { tagsByState } from '../../workflows/state-tags.js';
import { groupOfState, MY_AUDIT_GROUPS, STATES_OF_GROUP, UNGROUPED_STATES } from './my-audit-groups.js';

describe('the groups of “My audits”', () => {
  const states = Object.keys(tagsByState(auditMachine));

  it('puts every state of the audit machine in exactly one group, or in none on purpose', () => {
    for (const state of states) {
      const groups = MY_AUDIT_GROUPS.filter((g) => STATES_OF_GROUP[g].includes(state));
      expect([state, groups.length + (UNGROUPED_STATES.includes(state) ? 1 : 0)]).toEqual([state, 1]);
    }
  });

  it('names only states the machine has', () => {
    const named = [...Object.values(STATES_OF_GROUP).flat(), ...UNGROUPED_STATES];
    expect(named.filter((s) => !states.includes(s))).toEqual([]);
  });

  it.each([
    ['allocated', 'toStart'],
    ['inProgress', 'drafts'],
    ['awaitingDiscussion', 'awaitingDiscussion'],
    ['inModeration', 'inModeration'],
    ['closed', 'done'],
    ['withdrawn', undefined],
  ])('%s → %s', (state, group) => {
    expect(groupOfState(state)).toBe(group);
  });
});
