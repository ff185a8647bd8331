import { themedCycleProblems, tier3Problems } from './themed-cycle.js';

describe('themedCycleProblems', () => {
  it.each([
    [{ kind: 'monthly' as const }],
    [{}],
    [{ kind: 'themed' as const, title: 'Neglect', filter: { cohorts: ['CP'] } }],
    [{ kind: 'themed' as const, title: 'North', filter: { cohorts: [], localities: ['North'] } }],
  ])('accepts %j', (request) => {
    expect(themedCycleProblems(request)).toEqual([]);
  });

  it.each([
    [{ kind: 'themed' as const }, ['title', 'filter']],
    [{ kind: 'themed' as const, title: '  ', filter: {} }, ['title', 'filter']],
    [{ kind: 'themed' as const, title: 'Neglect', filter: { cohorts: [], teams: [] } }, ['filter']],
    [{ kind: 'themed' as const, filter: { teams: ['North CP'] } }, ['title']],
  ])('refuses %j, naming %j', (request, fields) => {
    expect(themedCycleProblems(request).map((p) => p.field)).toEqual(fields);
  });
});

describe('tier3Problems', () => {
  it.each([
    [0, 0],
    [2, 2],
    [2, 235],
  ])('accepts %i tier 3 audits of %i', (tier3, sample) => {
    expect(tier3Problems(tier3, sample)).toEqual([]);
  });

  it.each([
    [3, 2, "must not be more than the cycle's 2 audits"],
    [2, 1, "must not be more than the cycle's 1 audit"],
  ])('refuses %i tier 3 audits of %i', (tier3, sample, message) => {
    expect(tier3Problems(tier3, sample)).toEqual([{ field: 'tier3Count', message }]);
  });
});
