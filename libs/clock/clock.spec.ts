import { FixedClock, londonDate } from './clock.js';

describe('Clock', () => {
  it.each([
    ['2026-06-30T22:59:59Z', '2026-06-30'], // 23:59:59 BST
    ['2026-06-30T23:00:00Z', '2026-07-01'], // midnight BST
    ['2026-12-31T23:59:59Z', '2026-12-31'], // GMT: UTC is London
    ['2026-03-29T00:30:00Z', '2026-03-29'], // the night the clocks go forward
  ])('%s is %s in London', (instant, day) => {
    expect(londonDate(new Date(instant))).toBe(day);
  });

  it('a fixed clock says what it is told and moves only when told', () => {
    const clock = new FixedClock('2026-12-01T09:00:00Z');
    expect(clock.nowIso()).toBe('2026-12-01T09:00:00.000Z');
    clock.advance(24 * 60 * 60 * 1000);
    expect(clock.today()).toBe('2026-12-02');
    clock.set('2027-01-01T00:00:00Z');
    expect(clock.now().getUTCFullYear()).toBe(2027);
  });
});
