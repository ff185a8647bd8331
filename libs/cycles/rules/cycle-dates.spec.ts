import { cycleDateProblems } from './cycle-dates.js';
import { lastDayOf } from './last-day-of.js';

const fieldsOf = (dates: Parameters<typeof cycleDateProblems>[0]) =>
  cycleDateProblems(dates).map((p) => p.field);

describe('cycleDateProblems', () => {
  it.each([
    [{ month: '2026-12' }],
    [{ month: '2026-12', asOf: '2026-12-01', deadline: '2026-12-01' }],
    [{ month: '2026-12', asOf: '2026-12-31', deadline: '2027-01-15' }],
    [{ month: '2099-12', asOf: '2099-12-31' }],
    [{ month: '2000-01' }],
  ])('accepts %j', (dates) => {
    expect(cycleDateProblems(dates)).toEqual([]);
  });

  it.each([
    [{ month: '9999-12' }, ['month']],
    [{ month: '1999-12', asOf: 'nonsense' }, ['month']],
    [{ month: '2026-12', asOf: '2026-11-30' }, ['asOf']],
    [{ month: '2026-12', asOf: '2027-01-01' }, ['asOf']],
    [{ month: '2026-02', asOf: '2026-02-29' }, ['asOf']],
    [{ month: '2026-12', deadline: '2026-11-30' }, ['deadline']],
    [{ month: '2026-12', asOf: '2026-12-15', deadline: '2026-12-14' }, ['deadline']],
    [{ month: '2026-12', deadline: '2026-12-31T10:00:00Z' }, ['deadline']],
    [{ month: '2026-12', asOf: '2026-12-32', deadline: '2026-11-01' }, ['asOf', 'deadline']],
  ])('refuses %j naming %j', (dates, fields) => {
    expect(fieldsOf(dates)).toEqual(fields);
  });
});

describe('lastDayOf', () => {
  it.each([
    ['2026-12', '2026-12-31'],
    ['2024-02', '2024-02-29'],
    ['2100-02', '2100-02-28'],
    ['9999-12', '9999-12-31'],
    ['0000-01', '0000-01-31'],
  ])('%s ends on %s', (month, last) => {
    expect(lastDayOf(month)).toBe(last);
  });
});
