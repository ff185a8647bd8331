import { type PlanActionCounts, type PlanRag, planRag, planRagWords, plusDays } from './plan-rag.js';

const counts = (c: Partial<PlanActionCounts>): PlanActionCounts => ({
  total: 0,
  closed: 0,
  resolved: 0,
  overdue: 0,
  dueSoon: 0,
  ...c,
});

describe('planRag: an improvement-plan item’s colour from its linked actions', () => {
  it.each<[string, PlanRag, Partial<PlanActionCounts>]>([
    ['no actions: no colour', 'none', {}],
    ['only cancelled actions: no colour', 'none', { total: 2, resolved: 2 }],
    ['one closed', 'blue', { total: 1, closed: 1, resolved: 1 }],
    ['closed and cancelled, nothing left', 'blue', { total: 3, closed: 1, resolved: 3 }],
    ['one overdue', 'red', { total: 1, overdue: 1 }],
    ['overdue beats due soon', 'red', { total: 2, overdue: 1, dueSoon: 1 }],
    ['overdue beside closed ones', 'red', { total: 4, closed: 3, resolved: 3, overdue: 1 }],
    ['due within 14 days', 'amber', { total: 1, dueSoon: 1 }],
    ['due soon beside closed ones', 'amber', { total: 3, closed: 2, resolved: 2, dueSoon: 1 }],
    ['due later than 14 days', 'green', { total: 1 }],
    ['done, waiting to be verified (not work owed)', 'green', { total: 1 }],
    ['one open left among cancelled', 'green', { total: 3, resolved: 2 }],
    ['one open left among closed', 'green', { total: 3, closed: 2, resolved: 2 }],
  ])('%s → %s', (_label, expected, given) => {
    expect(planRag(counts(given))).toBe(expected);
  });

  it.each<[PlanRag, number, string]>([
    ['blue', 2, 'Blue: complete'],
    ['red', 1, 'Red: overdue'],
    ['amber', 1, 'Amber: due soon'],
    ['green', 1, 'Green: on track'],
    ['none', 0, 'No actions yet'],
    ['none', 2, 'No actions left: all cancelled'],
  ])('%s with %i actions reads “%s”', (rag, total, words) => {
    expect(planRagWords(rag, total)).toBe(words);
  });
});

describe('plusDays', () => {
  it.each([
    ['2026-12-15', 14, '2026-12-29'],
    ['2026-12-20', 14, '2027-01-03'],
    ['2028-02-20', 14, '2028-03-05'], // a leap year's February
    ['2027-02-20', 14, '2027-03-06'],
    ['2027-03-20', 14, '2027-04-03'], // across the clocks going forward
    ['2026-12-15', -16, '2026-11-29'],
  ])('%s + %i days is %s', (day, days, expected) => {
    expect(plusDays(day, days)).toBe(expected);
  });
});
