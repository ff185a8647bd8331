import fc from 'fast-check';
import { apportion, type StratumSize } from './largest-remainder.js';
import { rankKey } from '../../common/index.js';

const strata = (...sizes: number[]): StratumSize[] => sizes.map((size, i) => ({ key: `s${i}`, size }));
const sharesOf = (n: number, sizes: number[], seed = 'seed') => {
  const result = apportion(n, strata(...sizes), seed);
  return sizes.map((_, i) => result.get(`s${i}`));
};

describe('apportion', () => {
  it.each([
    { n: 10, sizes: [50, 30, 20], shares: [5, 3, 2] }, // exact quotas
    { n: 5, sizes: [45, 35, 20], shares: [2, 2, 1] }, // 2.25, 1.75, 1 → the .75 gets the seat
    { n: 3, sizes: [10, 10, 10], shares: [1, 1, 1] },
    { n: 4, sizes: [70, 20, 10], shares: [3, 1, 0] }, // 2.8, .8, .4 → both .8s get seats
    { n: 7, sizes: [1, 1, 1, 1, 1, 93], shares: [0, 0, 0, 0, 0, 7] }, // 6.98 beats 0.07s
    { n: 3, sizes: [24, 1, 1], shares: [3, 0, 0] }, // 2.77 beats 0.115s
    { n: 2, sizes: [1, 1, 98], shares: [0, 0, 2] },
    { n: 10, sizes: [3, 0, 7], shares: [3, 0, 7] }, // n equal to the total: everyone
    { n: 1, sizes: [0, 5], shares: [0, 1] }, // an empty stratum never gets a seat
    { n: 11, sizes: [5, 1, 4], shares: [5, 1, 4] }, // n over the total: capped at each size
    { n: 100, sizes: [2, 3], shares: [2, 3] },
    { n: 0, sizes: [5, 5], shares: [0, 0] },
    { n: -3, sizes: [5, 5], shares: [0, 0] },
    { n: 4, sizes: [0, 0], shares: [0, 0] },
    { n: 1, sizes: [7], shares: [1] },
  ])('apportion($n, $sizes) is $shares', ({ n, sizes, shares }) => {
    expect(sharesOf(n, sizes)).toEqual(shares);
  });

  it('returns an empty map for no strata', () => {
    expect(apportion(5, [], 'seed').size).toBe(0);
  });

  it('refuses repeated keys rather than lose shares', () => {
    expect(() =>
      apportion(
        3,
        [
          { key: 'a', size: 5 },
          { key: 'a', size: 5 },
        ],
        'seed',
      ),
    ).toThrow(RangeError);
  });

  it('breaks equal remainders by the seeded rank of the key, not by name or position', () => {
    const winners = new Set<string>();
    for (let s = 0; s < 40; s++) {
      const seed = `seed-${s}`;
      const result = apportion(
        1,
        [
          { key: 'alpha', size: 3 },
          { key: 'beta', size: 3 },
        ],
        seed,
      );
      const expected =
        rankKey(seed, 'stratum', 'alpha') < rankKey(seed, 'stratum', 'beta') ? 'alpha' : 'beta';
      expect(result.get(expected)).toBe(1);
      winners.add(expected);
    }
    expect(winners).toEqual(new Set(['alpha', 'beta']));
  });

  // Checked by hand from SHA-256 in Python: under "s1" beta ranks first, under "s2" alpha does.
  it.each([
    ['s1', 'beta'],
    ['s2', 'alpha'],
  ])('under seed %j the tie goes to %j', (seed, winner) => {
    const result = apportion(
      1,
      [
        { key: 'alpha', size: 2 },
        { key: 'beta', size: 2 },
      ],
      seed,
    );
    expect(result.get(winner)).toBe(1);
  });
});

describe('apportion properties', () => {
  const input = fc.record({
    sizes: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 30 }),
    fraction: fc.double({ min: 0, max: 1, noNaN: true }),
    seed: fc.string({ maxLength: 12 }),
  });

  it('sums to n, keeps each share within 1 of its exact quota and never over the stratum size', () => {
    fc.assert(
      fc.property(input, ({ sizes, fraction, seed }) => {
        const total = sizes.reduce((a, b) => a + b, 0);
        const n = Math.round(fraction * total);
        const result = apportion(n, strata(...sizes), seed);
        expect(result.size).toBe(sizes.length);
        expect([...result.values()].reduce((a, b) => a + b, 0)).toBe(total === 0 ? 0 : n);
        sizes.forEach((size, i) => {
          const share = result.get(`s${i}`)!;
          expect(Number.isInteger(share)).toBe(true);
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(size);
          if (total > 0) {
            // Hamilton: each share is the floor or the ceiling of its quota (integer arithmetic).
            const floor = Math.floor((n * size) / total);
            const ceil = Math.ceil((n * size) / total);
            expect([floor, ceil]).toContain(share);
            expect(Math.abs(share - (n * size) / total)).toBeLessThan(1);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('gives the leftover seats to the largest remainders', () => {
    fc.assert(
      fc.property(input, ({ sizes, fraction, seed }) => {
        const total = sizes.reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        const n = Math.round(fraction * total);
        const result = apportion(n, strata(...sizes), seed);
        const remainder = (i: number) => (n * sizes[i]) % total;
        const rounded = sizes.map((size, i) => result.get(`s${i}`)! > Math.floor((n * size) / total));
        for (let i = 0; i < sizes.length; i++) {
          for (let j = 0; j < sizes.length; j++) {
            if (rounded[i] && !rounded[j]) expect(remainder(i)).toBeGreaterThanOrEqual(remainder(j));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('depends on the strata, not on the order they are listed in', () => {
    const shuffled = input.chain((value) =>
      fc.tuple(
        fc.constant(value),
        fc.shuffledSubarray(strata(...value.sizes), { minLength: value.sizes.length }),
        fc.integer({ min: 0, max: 2000 }),
      ),
    );
    fc.assert(
      fc.property(shuffled, ([{ sizes, seed }, reordered, n]) => {
        const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
        expect(sorted(apportion(n, reordered, seed))).toEqual(sorted(apportion(n, strata(...sizes), seed)));
      }),
      { numRuns: 150 },
    );
  });

  it('gives every stratum its size when n is at least the total', () => {
    fc.assert(
      fc.property(input, fc.nat(50), ({ sizes, seed }, extra) => {
        const total = sizes.reduce((a, b) => a + b, 0);
        const result = apportion(total + extra, strata(...sizes), seed);
        sizes.forEach((size, i) => expect(result.get(`s${i}`)).toBe(size));
      }),
      { numRuns: 100 },
    );
  });
});
