import { londonInstant, nextRunAt } from './next-run.js';

describe("the overdue job's next run (HH:MM in Europe/London)", () => {
  it.each([
    // [now, time, next run]
    ['2027-01-10T06:59:00Z', '07:00', '2027-01-10T07:00:00.000Z'], // GMT
    ['2027-01-10T07:00:00Z', '07:00', '2027-01-11T07:00:00.000Z'], // strictly after now
    ['2027-06-10T05:00:00Z', '07:00', '2027-06-10T06:00:00.000Z'], // BST: 07:00 is 06:00 UTC
    ['2027-03-27T12:00:00Z', '07:00', '2027-03-28T06:00:00.000Z'], // the morning the clocks go forward
    ['2027-10-30T12:00:00Z', '07:00', '2027-10-31T07:00:00.000Z'], // the morning they go back
    ['2027-03-28T23:30:00Z', '07:00', '2027-03-29T06:00:00.000Z'], // 00:30 BST
    ['2027-12-31T23:00:00Z', '00:30', '2028-01-01T00:30:00.000Z'],
    ['2028-02-28T22:00:00Z', '23:15', '2028-02-28T23:15:00.000Z'],
    ['2028-02-28T23:30:00Z', '23:15', '2028-02-29T23:15:00.000Z'],
  ])('after %s, %s next comes at %s', (now, time, expected) => {
    expect(nextRunAt(new Date(now), time).toISOString()).toBe(expected);
  });

  it.each([
    ['2027-03-28', '00:30', '2027-03-28T00:30:00.000Z'],
    ['2027-03-28', '02:30', '2027-03-28T01:30:00.000Z'],
    ['2027-10-31', '00:30', '2027-10-30T23:30:00.000Z'],
    ['2027-10-31', '02:00', '2027-10-31T02:00:00.000Z'],
  ])('%s at %s London is %s', (day, time, expected) => {
    expect(londonInstant(day, time).toISOString()).toBe(expected);
  });
});
