import fc from 'fast-check';
import { chosenForModeration, quarterOf } from './moderation-sample.js';

const refs = (n: number) => Array.from({ length: n }, (_, i) => `CASE-${String(i).padStart(5, '0')}`);
const chosen = (seed: string, caseRef: string, share: number, auditorModeratedThisQuarter = true) =>
  chosenForModeration({ seed, caseRef, share, auditorModeratedThisQuarter });

describe('chosenForModeration', () => {
  it('gives the same answer for the same inputs', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (seed, ref, share, m) => {
          const input = { seed, caseRef: ref, share, auditorModeratedThisQuarter: m };
          expect(chosenForModeration({ ...input })).toBe(chosenForModeration({ ...input }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([0.05, 0.1, 0.25, 0.5, 0.9])('chooses about %d of 10,000 cases', (share) => {
    const n = 10_000;
    const count = refs(n).filter((ref) => chosen('2026-11', ref, share)).length;
    // Binomial: four standard deviations either side, so a fair draw fails about once in 16,000 runs.
    const sd = Math.sqrt(n * share * (1 - share));
    expect(Math.abs(count - n * share)).toBeLessThan(4 * sd);
  });

  it.each<[number, boolean]>([
    [0, false],
    [1, true],
  ])('with a share of %d chooses every case: %j', (share, all) => {
    expect(refs(2000).every((ref) => chosen('s', ref, share) === all)).toBe(true);
  });

  it('always chooses an auditor not yet moderated this quarter, whatever the share', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, ref, share) => {
          expect(chosen(seed, ref, share, false)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
    expect(refs(500).every((ref) => chosen('x', ref, 0, false))).toBe(true);
  });

  it('chooses a different sample under a different seed, and more cases under a larger share', () => {
    const sample = (seed: string, share: number) => refs(1000).filter((ref) => chosen(seed, ref, share));
    expect(sample('a', 0.1)).not.toEqual(sample('b', 0.1));
    // The draw is per case, so a larger share keeps every case a smaller one chose.
    expect(sample('a', 0.2)).toEqual(expect.arrayContaining(sample('a', 0.1)));
  });
});

describe('quarterOf', () => {
  it.each([
    ['2026-01-01', '2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-02-14', '2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-03-31', '2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-04-01', '2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-06-30', '2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-07-01', '2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-09-30', '2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-10-01', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['2026-12-31', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['2024-02-29', '2024-Q1', '2024-01-01', '2024-03-31'],
    ['2026-11-22T19:31:27.000Z', '2026-Q4', '2026-10-01', '2026-12-31'],
  ])('quarterOf(%j) is %s, %s to %s', (date, label, from, to) => {
    expect(quarterOf(date)).toEqual({ label, from, to });
  });

  it('contains the date it was given, for every day of a leap year and a common one', () => {
    for (const year of [2024, 2026]) {
      for (
        let d = new Date(Date.UTC(year, 0, 1));
        d.getUTCFullYear() === year;
        d.setUTCDate(d.getUTCDate() + 1)
      ) {
        const date = d.toISOString().slice(0, 10);
        const { from, to } = quarterOf(date);
        expect(from <= date && date <= to).toBe(true);
      }
    }
  });
});
