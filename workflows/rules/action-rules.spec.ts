import type { ProposedAction } from '../audit-draft.js';
import {
  dueDateProblems,
  oneYearAfter,
  type OwnerFacts,
  ownerProblems,
  proposedActionProblems,
  textProblems,
} from './action-rules.js';
import type { RuleProblem } from './grading-problems.js';

const rulesOf = (problems: RuleProblem[]) => problems.map((p) => [p.rule, p.field]);
const NORTH = 1;
const EAST = 2;

describe('oneYearAfter', () => {
  it.each([
    ['2026-12-15', '2027-12-15'],
    ['2026-01-31', '2027-01-31'],
    ['2028-02-29', '2029-02-28'],
    ['2027-02-28', '2028-02-28'],
    ['2026-12-31', '2027-12-31'],
  ])('%s → %s', (today, expected) => {
    expect(oneYearAfter(today)).toBe(expected);
  });
});

describe('dueDateProblems', () => {
  it.each<[unknown, string, string[]]>([
    ['2026-12-14', 'yesterday', ['due-date-not-past']],
    ['2026-12-15', 'today', []],
    ['2027-12-15', 'a year ahead', []],
    ['2027-12-16', 'a year and a day ahead', ['due-date-within-a-year']],
    ['2027-02-30', 'not a real date', ['due-date-real']],
    [15, 'a number', ['due-date-real']],
  ])('today 2026-12-15, due %s (%s)', (dueOn, _, rules) => {
    expect(dueDateProblems('dueOn', dueOn, '2026-12-15').map((p) => p.rule)).toEqual(rules);
  });

  it('names the field it judges', () => {
    expect(rulesOf(dueDateProblems('actions.2.dueOn', '2020-01-01', '2026-12-15'))).toEqual([
      ['due-date-not-past', 'actions.2.dueOn'],
    ]);
  });
});

describe('ownerProblems', () => {
  const user = (facts: Partial<OwnerFacts>): OwnerFacts => ({
    id: 5,
    active: true,
    localityId: NORTH,
    ...facts,
  });
  it.each<[string, OwnerFacts | undefined, number | null, string[]]>([
    ['an active user in the case’s locality', user({}), NORTH, []],
    ['no such user', undefined, NORTH, ['owner-active-user']],
    ['a deactivated user', user({ active: false }), NORTH, ['owner-active-user']],
    ['a user in another locality', user({ localityId: EAST }), NORTH, ['owner-in-locality']],
    ['a user with no locality', user({ localityId: null }), NORTH, ['owner-in-locality']],
    ['a case whose team has no locality (no locality rule to apply)', user({ localityId: EAST }), null, []],
  ])('%s', (_, owner, locality, rules) => {
    expect(ownerProblems('ownerId', owner, locality).map((p) => p.rule)).toEqual(rules);
  });
});

describe('textProblems', () => {
  it.each([
    ['Needs a new assessment', []],
    ['   ', ['text-given']],
    ['\u200b\t\n', ['text-given']],
    ['', ['text-given']],
  ])('%j', (text, rules) => {
    expect(textProblems('reason', text).map((p) => p.rule)).toEqual(rules);
  });
});

describe('proposedActionProblems', () => {
  const owners = new Map<number, OwnerFacts>([
    [5, { id: 5, active: true, localityId: NORTH }],
    [6, { id: 6, active: false, localityId: NORTH }],
    [7, { id: 7, active: true, localityId: EAST }],
  ]);
  const facts = { today: '2026-12-15', caseLocalityId: NORTH, owners, planItems: new Set([9]) };
  const action = (change: Partial<ProposedAction>): ProposedAction => ({
    what: 'Visit',
    ownerId: 5,
    dueOn: '2027-01-31',
    ...change,
  });

  it('judges each action by its own index, and leaves an owner still to choose to the grading rules', () => {
    const actions = [
      action({}),
      action({ ownerId: 6 }),
      action({ ownerId: 7, dueOn: '2026-12-01' }),
      action({ ownerId: undefined, owner: 'TM' }),
      action({ dueOn: '2028-01-01' }),
      action({ ownerId: 99 }),
      action({ planItemId: 9 }),
      action({ planItemId: 10 }),
    ];
    expect(rulesOf(proposedActionProblems(actions, facts))).toEqual([
      ['owner-active-user', 'actions.1.ownerId'],
      ['owner-in-locality', 'actions.2.ownerId'],
      ['due-date-not-past', 'actions.2.dueOn'],
      ['due-date-within-a-year', 'actions.4.dueOn'],
      ['owner-active-user', 'actions.5.ownerId'],
      ['plan-item-known', 'actions.7.planItemId'],
    ]);
  });
});
