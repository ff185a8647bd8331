import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { newSeed, rankKey } from './seeded-rank.js';

/** Computed outside this code base (`printf 'a:b:c' | sha256sum`, Python's hashlib). */
const knownVectors: [seed: string, scope: string, id: string, digest: string][] = [
  ['a', 'b', 'c', 'b0ee04f880c4ff4261479e2e7822b7410aee4c7159f4185ad5b0d88a312b495e'],
  ['2024-06-seed', 'case', 'CASE-0001', '93929f0e36740e8ffc35edf716724e74a690e0a385ad6c8ecf7bcdb44296d9ae'],
];

describe('rankKey', () => {
  it.each(knownVectors)('rankKey(%j, %j, %j) is the documented SHA-256 digest', (seed, scope, id, digest) => {
    expect(rankKey(seed, scope, id)).toBe(digest);
  });

  it('is SHA-256 over `${seed}:${scope}:${id}` as lowercase hex, for any input', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (seed, scope, id) => {
        const key = rankKey(seed, scope, id);
        expect(key).toMatch(/^[0-9a-f]{64}$/);
        expect(key).toBe(createHash('sha256').update(`${seed}:${scope}:${id}`, 'utf8').digest('hex'));
        expect(rankKey(seed, scope, id)).toBe(key);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['seed', ['seed-2', 'case', 'C1']],
    ['scope', ['seed', 'stratum', 'C1']],
    ['id', ['seed', 'case', 'C2']],
  ] as const)('changes when the %s changes', (_part, [seed, scope, id]) => {
    expect(rankKey(seed, scope, id)).not.toBe(rankKey('seed', 'case', 'C1'));
  });

  it('gives distinct identifiers distinct keys', () => {
    fc.assert(
      fc.property(fc.string(), fc.uniqueArray(fc.string(), { minLength: 2, maxLength: 50 }), (seed, ids) => {
        expect(new Set(ids.map((id) => rankKey(seed, 'case', id))).size).toBe(ids.length);
      }),
      { numRuns: 100 },
    );
  });

  it('orders identifiers in a seed-dependent order, not their own order', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `C${String(i).padStart(3, '0')}`);
    const order = (seed: string) =>
      [...ids].sort((a, b) => rankKey(seed, 'case', a).localeCompare(rankKey(seed, 'case', b)));
    expect(order('one')).not.toEqual(ids);
    expect(order('one')).not.toEqual(order('two'));
    expect(order('one')).toEqual(order('one'));
  });

  it('puts each identifier first about equally often across seeds', () => {
    const ids = ['A', 'B', 'C', 'D', 'E'];
    const firsts = new Map(ids.map((id) => [id, 0]));
    for (let s = 0; s < 2000; s++) {
      const first = [...ids].sort((a, b) =>
        rankKey(`s${s}`, 'case', a) < rankKey(`s${s}`, 'case', b) ? -1 : 1,
      )[0];
      firsts.set(first, firsts.get(first)! + 1);
    }
    // Binomial(2000, 0.2): mean 400, sd ≈ 18; the seeds are fixed, so this cannot flake.
    for (const count of firsts.values()) expect(Math.abs(count - 400)).toBeLessThan(90);
  });
});

describe('newSeed', () => {
  it('is 16 lowercase hex characters (64 bits)', () => {
    for (let i = 0; i < 20; i++) expect(newSeed()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is fresh each time', () => {
    const seeds = new Set(Array.from({ length: 200 }, () => newSeed()));
    expect(seeds.size).toBe(200);
  });
});
