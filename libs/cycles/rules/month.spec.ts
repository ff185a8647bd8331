import fc from 'fast-check';
import { addMonths, firstDayOf, isMonth, monthIndex, monthOf } from './month.js';

const anyMonth = fc
  .record({ year: fc.integer({ min: 0, max: 9999 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);

describe('isMonth', () => {
  it.each(['2024-01', '2024-09', '2024-10', '2024-12', '0000-01', '9999-12'])('accepts %j', (value) => {
    expect(isMonth(value)).toBe(true);
  });

  it.each([
    '2024-00',
    '2024-13',
    '2024-1',
    '24-01',
    '2024-01-01',
    ' 2024-01',
    '2024-01 ',
    '2024/01',
    '202401',
    '',
    'June 2024',
  ])('rejects %j', (value) => {
    expect(isMonth(value)).toBe(false);
  });

  it('accepts every generated month', () => {
    fc.assert(fc.property(anyMonth, (month) => isMonth(month)));
  });
});

describe('monthIndex', () => {
  it.each([
    ['0000-01', 0],
    ['0000-12', 11],
    ['0001-01', 12],
    ['2024-01', 2024 * 12],
    ['2024-06', 2024 * 12 + 5],
    ['2024-12', 2024 * 12 + 11],
  ])('monthIndex(%j) is %i', (month, index) => {
    expect(monthIndex(month)).toBe(index);
  });

  it.each(['2024-13', '2024-1', 'nope', '', '2024-01-15'])('throws a RangeError for %j', (value) => {
    expect(() => monthIndex(value)).toThrow(RangeError);
  });

  it('makes months that sort as strings sort as numbers', () => {
    fc.assert(
      fc.property(anyMonth, anyMonth, (a, b) => {
        expect(Math.sign(monthIndex(a) - monthIndex(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});

describe('addMonths', () => {
  it.each([
    ['2024-06', 0, '2024-06'],
    ['2024-06', 1, '2024-07'],
    ['2024-12', 1, '2025-01'],
    ['2024-01', -1, '2023-12'],
    ['2024-06', -6, '2023-12'],
    ['2024-06', -18, '2022-12'],
    ['2024-06', 30, '2026-12'],
    ['0000-01', 11, '0000-12'],
    ['9999-11', 1, '9999-12'],
  ])('addMonths(%j, %i) is %j', (month, delta, expected) => {
    expect(addMonths(month, delta)).toBe(expected);
  });

  it.each([
    ['0000-01', -1],
    ['9999-12', 1],
    ['2024-06', 0.5],
    ['2024-13', 1],
  ])('throws a RangeError for addMonths(%j, %j) rather than return a non-month', (month, delta) => {
    expect(() => addMonths(month, delta)).toThrow(RangeError);
  });

  it('is month arithmetic: adds to the index, round-trips, and always gives a month', () => {
    fc.assert(
      fc.property(anyMonth, fc.integer({ min: -240, max: 240 }), (month, delta) => {
        const index = monthIndex(month) + delta;
        fc.pre(index >= 0 && index <= 9999 * 12 + 11);
        const result = addMonths(month, delta);
        expect(isMonth(result)).toBe(true);
        expect(monthIndex(result)).toBe(index);
        expect(addMonths(result, -delta)).toBe(month);
      }),
      { numRuns: 200 },
    );
  });
});

describe('firstDayOf', () => {
  it.each([
    ['2024-06', '2024-06-01'],
    ['2024-12', '2024-12-01'],
  ])('firstDayOf(%j) is %j', (month, day) => {
    expect(firstDayOf(month)).toBe(day);
  });

  it.each(['2024-13', '2024-6', ''])('throws a RangeError for %j', (month) => {
    expect(() => firstDayOf(month)).toThrow(RangeError);
  });
});

describe('monthOf', () => {
  it.each([
    ['2024-06-15', '2024-06'],
    ['2024-12-31', '2024-12'],
    ['2024-01-01T00:00:00.000Z', '2024-01'],
    ['2024-06', '2024-06'],
  ])('monthOf(%j) is %j', (date, month) => {
    expect(monthOf(date)).toBe(month);
  });

  it.each(['2024-6-15', '15/06/2024', '2024-13-01', '', '2024-06x15'])(
    'throws a RangeError for %j',
    (date) => {
      expect(() => monthOf(date)).toThrow(RangeError);
    },
  );

  it('is the inverse of firstDayOf', () => {
    fc.assert(fc.property(anyMonth, (month) => monthOf(firstDayOf(month)) === month));
  });
});
