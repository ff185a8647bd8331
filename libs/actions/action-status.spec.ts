import { addDays, daysBetween, statesOfGroup, timeliness, WORK_OWED_STATES } from './action-status.js';

describe('the tracker’s day arithmetic and timeliness', () => {
  it.each([
    ['2026-12-15', 1, '2026-12-16'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    // British Summer Time ends on 25 October 2026: a calendar day is still one day.
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s moved by %i day(s) is %s', (day, days, moved) => {
    expect(addDays(day, days)).toBe(moved);
    expect(daysBetween(day, moved)).toBe(days);
  });

  it.each([
    // state, due, today → days overdue, overdue, due soon
    ['open', '2026-11-20', '2026-12-15', 25, true, false],
    ['inProgress', '2026-12-14', '2026-12-15', 1, true, false],
    ['open', '2026-12-15', '2026-12-15', 0, false, true],
    ['open', '2026-12-22', '2026-12-15', 0, false, true],
    ['open', '2026-12-23', '2026-12-15', 0, false, false],
    // Done, closed and cancelled owe no work: never overdue, never due soon.
    ['done', '2026-11-20', '2026-12-15', 0, false, false],
    ['closed', '2026-11-20', '2026-12-15', 0, false, false],
    ['cancelled', '2026-12-16', '2026-12-15', 0, false, false],
    ['inProgress', '2028-02-28', '2028-03-01', 2, true, false],
  ] as const)('%s due %s on %s: %i days overdue', (state, dueOn, today, days, overdue, dueSoon) => {
    expect(timeliness(state, dueOn, today)).toEqual({ daysOverdue: days, overdue, dueSoon });
  });

  it('takes its state lists from the machine’s tags', () => {
    expect(WORK_OWED_STATES).toEqual(['open', 'inProgress']);
    expect(statesOfGroup('open')).toEqual(['open', 'inProgress', 'done', 'verified']);
    expect(statesOfGroup('awaiting-verification')).toEqual(['done']);
    expect(statesOfGroup('overdue')).toEqual(['open', 'inProgress']);
  });
});
