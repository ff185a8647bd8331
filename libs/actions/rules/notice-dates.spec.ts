import { londonDate } from '../../clock/index.js';
import type { NoticeStep } from '../action-notice.entity.js';
import {
  addDays,
  daysBetween,
  daysOverdue,
  DEFAULT_NOTICE_POLICY as POLICY,
  type NoticePolicy,
  noticeStepsDue,
} from './notice-dates.js';

describe("London's day of an instant (the job's today)", () => {
  it.each([
    // Clocks go forward at 01:00 UTC on Sunday 28 March 2027.
    ['2027-03-27T23:30:00Z', '2027-03-27'],
    ['2027-03-28T00:30:00Z', '2027-03-28'],
    ['2027-03-28T23:30:00Z', '2027-03-29'], // 00:30 BST
    ['2027-03-29T00:30:00Z', '2027-03-29'],
    // Clocks go back at 01:00 UTC on Sunday 31 October 2027.
    ['2027-10-30T23:30:00Z', '2027-10-31'], // 00:30 BST
    ['2027-10-31T00:30:00Z', '2027-10-31'], // 01:30 BST, the hour before the change
    ['2027-10-31T23:30:00Z', '2027-10-31'], // GMT again
    ['2027-11-01T00:30:00Z', '2027-11-01'],
  ])('%s is %s in London', (instant, day) => {
    expect(londonDate(new Date(instant))).toBe(day);
  });
});

describe('calendar day arithmetic', () => {
  it.each([
    ['2027-01-31', 1, '2027-02-01'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2027-12-31', 1, '2028-01-01'],
    ['2027-03-28', -7, '2027-03-21'],
    ['2027-10-31', 1, '2027-11-01'],
  ])('%s + %i days is %s', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
    expect(daysBetween(day, expected)).toBe(days);
  });
});

describe('which notices are due (reminders 7 and 1 days before, escalation at 14 days overdue)', () => {
  const E: NoticeStep = 'reminder-early';
  const L: NoticeStep = 'reminder-last';
  const O: NoticeStep = 'overdue';
  const X: NoticeStep = 'escalated';
  it.each<[string, string, NoticeStep[]]>([
    // [today, due, steps]
    ['2027-01-02', '2027-01-10', []], // 8 days before
    ['2027-01-03', '2027-01-10', [E]], // 7 days before
    ['2027-01-08', '2027-01-10', [E]],
    ['2027-01-09', '2027-01-10', [L]], // the day before: reminder-early is past, not sent late
    ['2027-01-10', '2027-01-10', []], // the due date itself is not overdue
    ['2027-01-11', '2027-01-10', [O]], // the first overdue day
    ['2027-01-23', '2027-01-10', [O]], // 13 days overdue
    ['2027-01-24', '2027-01-10', [O, X]], // 14 days overdue; a catch-up run sends both
    ['2027-03-01', '2027-01-10', [O, X]], // long overdue: never a reminder
    // Month ends.
    ['2027-02-22', '2027-03-01', [E]],
    ['2027-02-28', '2027-03-01', [L]],
    ['2027-03-02', '2027-03-01', [O]],
    ['2027-03-15', '2027-03-01', [O, X]],
    ['2027-03-14', '2027-03-01', [O]],
    ['2027-01-31', '2027-02-01', [L]],
    ['2026-12-25', '2027-01-01', [E]],
    ['2026-12-31', '2027-01-01', [L]],
    // The leap day.
    ['2028-02-22', '2028-03-01', []], // 8 days before, counting 29 February
    ['2028-02-23', '2028-03-01', [E]],
    ['2028-02-29', '2028-03-01', [L]],
    ['2028-02-22', '2028-02-29', [E]],
    ['2028-02-28', '2028-02-29', [L]],
    ['2028-03-01', '2028-02-29', [O]],
    ['2028-03-13', '2028-02-29', [O]],
    ['2028-03-14', '2028-02-29', [O, X]],
    // British Summer Time changes: dates only, the clocks change nothing.
    ['2027-03-21', '2027-03-28', [E]],
    ['2027-03-27', '2027-03-28', [L]],
    ['2027-03-29', '2027-03-28', [O]],
    ['2027-04-11', '2027-03-28', [O, X]],
    ['2027-10-30', '2027-10-31', [L]],
    ['2027-11-01', '2027-10-31', [O]],
    ['2027-11-13', '2027-10-31', [O]],
    ['2027-11-14', '2027-10-31', [O, X]],
  ])('on %s an action due %s gets %j', (today, due, steps) => {
    expect(noticeStepsDue(today, due, POLICY)).toEqual(steps);
  });

  it.each<[string, string, NoticeStep[]]>([
    // The instant the job runs, read as London's day, across both changes in 2027.
    ['2027-03-28T22:30:00Z', '2027-03-28', []], // 23:30 BST on the due date
    ['2027-03-28T23:30:00Z', '2027-03-28', ['overdue']], // 00:30 BST the day after
    ['2027-10-31T23:30:00Z', '2027-10-31', []], // 23:30 GMT on the due date
    ['2027-11-01T00:30:00Z', '2027-10-31', ['overdue']],
    ['2027-10-30T23:30:00Z', '2027-10-31', []], // 00:30 BST on the due date
    ['2027-10-30T22:30:00Z', '2027-10-31', ['reminder-last']],
  ])('at %s an action due %s gets %j', (instant, due, steps) => {
    expect(noticeStepsDue(londonDate(new Date(instant)), due, POLICY)).toEqual(steps);
  });

  it('agrees with the plain definition on every day around a leap day and both clock changes', () => {
    const policies: NoticePolicy[] = [
      POLICY,
      { reminderDays: [3], escalateAfterDays: 5 },
      { reminderDays: [1, 10], escalateAfterDays: 1 },
    ];
    for (const policy of policies) {
      const [early, last] = [Math.max(...policy.reminderDays), Math.min(...policy.reminderDays)];
      for (const start of ['2028-02-01', '2027-03-10', '2027-10-15', '2027-12-20']) {
        for (let t = 0; t < 40; t++) {
          const today = addDays(start, t);
          for (let d = -40; d <= 40; d++) {
            const due = addDays(today, d);
            const expected: NoticeStep[] = [];
            if (policy.reminderDays.length > 1 && d > last && d <= early) expected.push('reminder-early');
            if (d >= 1 && d <= last) expected.push('reminder-last');
            if (daysOverdue(today, due) >= 1) expected.push('overdue');
            if (daysOverdue(today, due) >= policy.escalateAfterDays) expected.push('escalated');
            expect(noticeStepsDue(today, due, policy)).toEqual(expected);
          }
        }
      }
    }
  });
});
