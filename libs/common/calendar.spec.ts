import fc from 'fast-check';
import { isCalendarDate, isCalendarMonth } from './calendar.js';

describe('the accepted calendar (2000-01-01 to 2099-12-31)', () => {
  it.each(['2000-01-01', '2099-12-31', '2024-02-29', '2000-02-29', '2026-12-31'])(
    'takes the date %s',
    (date) => {
      expect(isCalendarDate(date)).toBe(true);
    },
  );

  it.each([
    '1999-12-31',
    '2100-01-01',
    '9999-12-31',
    '0000-01-01',
    '2026-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-00-10',
    '2026-13-01',
    '2026-12-00',
    '2026-12-1',
    '2026-12-31T00:00:00Z',
    ' 2026-12-31',
    '2026/12/31',
    '',
  ])('refuses the date %j', (date) => {
    expect(isCalendarDate(date)).toBe(false);
  });

  it.each([null, undefined, 20261231, {}, ['2026-12-31']])('refuses the non-string %j', (value) => {
    expect(isCalendarDate(value)).toBe(false);
    expect(isCalendarMonth(value)).toBe(false);
  });

  it.each([
    ['2000-01', true],
    ['2099-12', true],
    ['1999-12', false],
    ['2100-01', false],
    ['9999-12', false],
    ['2026-13', false],
    ['2026-00', false],
    ['2026-1', false],
  ])('month %s: %s', (month, accepted) => {
    expect(isCalendarMonth(month)).toBe(accepted);
  });

  it('agrees with the UTC calendar on every day of the range and beyond', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2110 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const real = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
          expect(isCalendarDate(text)).toBe(real && year >= 2000 && year <= 2099);
        },
      ),
    );
  });
});
