import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { addMonths } from './month.js';
import {
  isRecentlyAudited,
  sampleSize,
  selectSample,
  type SelectionCandidate,
  type SelectionOutcome,
  type SelectionPolicy,
} from './select-sample.js';

/** Independent of seeded-rank.ts: the documented recipe, as anyone re-running a cycle would. */
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

const policy = (overrides: Partial<SelectionPolicy> = {}): SelectionPolicy => ({
  month: '2024-06',
  rate: 0.1,
  count: null,
  excludeMonths: 6,
  seed: 'seed',
  ...overrides,
});

const candidate = (
  caseId: number,
  stratum: string,
  lastAuditedMonth: string | null = null,
  caseRef = `C-${caseId}`,
): SelectionCandidate => ({ caseId, caseRef, stratum, lastAuditedMonth });

const refs = (outcome: SelectionOutcome) => outcome.selected.map((s) => s.caseRef);

describe('sampleSize', () => {
  it.each([
    [0, 0.1, 0],
    [1, 0.1, 1],
    [9, 0.1, 1],
    [10, 0.1, 1],
    [11, 0.1, 2],
    [29, 0.1, 3],
    [30, 0.1, 3], // 0.1 × 30 is 3.0000000000000004 in binary: still 3
    [31, 0.1, 4],
    [100, 0.1, 10],
    [101, 0.1, 11],
    [1000, 0.07, 70], // 70.00000000000001 in binary
    [300, 0.07, 21],
    [20, 0.15, 3],
    [7, 0.15, 2],
    [3, 0.3, 1], // 0.8999999999999999 in binary
    [10, 0.3, 3],
    [50, 1, 50],
    [50, 1.5, 50],
    [50, 0, 0],
    [50, -0.1, 0],
  ])('ceil(rate × open): open %i at rate %d is %i', (open, rate, expected) => {
    expect(sampleSize(open, rate)).toBe(expected);
  });

  it.each([
    [100, 0.1, 5, 5],
    [100, 0.1, 0, 0],
    [3, 0.1, 5, 3],
    [0, 0.1, 5, 0],
    [100, 0.1, -2, 0],
    [100, 0.1, null, 10],
    [100, 0.1, undefined, 10],
  ])(
    'a fixed count overrides the rate: open %i, rate %d, count %j gives %i',
    (open, rate, count, expected) => {
      expect(sampleSize(open, rate, count)).toBe(expected);
    },
  );

  it('is exactly ceil(k × open / 1000) for rates given in tenths of a percent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100_000 }), (k, open) => {
        expect(sampleSize(open, k / 1000)).toBe(Math.floor((k * open + 999) / 1000));
      }),
      { numRuns: 200 },
    );
  });
});

describe('isRecentlyAudited', () => {
  it.each([
    [null, '2024-06', 6, false],
    ['2024-06', '2024-06', 6, true], // in the cycle's own month
    ['2024-05', '2024-06', 6, true],
    ['2024-01', '2024-06', 6, true], // 5 months before
    ['2023-12', '2024-06', 6, false], // 6 months before: outside a 6-month window
    ['2023-06', '2024-06', 6, false],
    ['2023-12', '2024-05', 6, true], // across the year end
    ['2024-06', '2024-06', 0, false], // no window
    ['2024-06', '2024-06', 1, true],
    ['2024-05', '2024-06', 1, false],
    ['2024-07', '2024-06', 6, false], // audited after the cycle's month
    ['2022-06', '2024-06', 24, false],
    ['2022-07', '2024-06', 24, true],
  ])('last audited %j, cycle %j, window %i → %j', (last, month, window, expected) => {
    expect(isRecentlyAudited(last, month, window)).toBe(expected);
  });

  it('throws on a malformed month rather than guess', () => {
    expect(() => isRecentlyAudited('2024-6', '2024-06', 6)).toThrow(RangeError);
  });
});

/**
 * A small register whose sample was worked out by hand in Python (hashlib.sha256, the same
 * recipe): anyone holding the seed must get exactly this, whatever this code base becomes.
 */
describe('selectSample on a known register', () => {
  const lastCin = [null, '2024-05', null, '2023-12', '2024-01', null, '2023-06', null, '2024-06', null];
  const lastCp = ['2024-03', '2024-01', '2024-05', '2024-01', '2024-06', '2024-02'];
  const pad = (i: number) => String(i + 1).padStart(2, '0');
  const register: SelectionCandidate[] = [
    ...lastCin.map((last, i) => candidate(1 + i, 'north-1|CIN', last, `N1-CIN-${pad(i)}`)),
    ...lastCp.map((last, i) => candidate(11 + i, 'north-1|CP', last, `N1-CP-${pad(i)}`)),
    ...Array.from({ length: 8 }, (_, i) => candidate(17 + i, 'east-2|CLA', null, `E2-CLA-${pad(i)}`)),
  ];
  const seed = 'golden-2024-06';

  it('draws 10% (3 of 24), one per stratum, the CP share filled by the least recently audited', () => {
    const outcome = selectSample(register, policy({ seed }));
    expect(refs(outcome)).toEqual(['E2-CLA-02', 'N1-CIN-03', 'N1-CP-04']);
    expect(outcome.selected.map((s) => s.recentlyAudited)).toEqual([false, false, true]);
    expect(outcome).toMatchObject({ open: 24, eligible: 7 + 0 + 8, sampleSize: 3 });
    expect(outcome.strata).toEqual([
      { stratum: 'east-2|CLA', open: 8, eligible: 8, quota: 1, selected: 1 },
      { stratum: 'north-1|CIN', open: 10, eligible: 7, quota: 1.25, selected: 1 },
      { stratum: 'north-1|CP', open: 6, eligible: 0, quota: 0.75, selected: 1 },
    ]);
    for (const s of outcome.selected) expect(s.rank).toBe(sha(`${seed}:case:${s.caseRef}`));
  });

  it('draws a fixed count of 7; equal audit months fill in rank order (CP-04 before CP-02)', () => {
    const outcome = selectSample(register, policy({ seed, count: 7 }));
    expect(refs(outcome)).toEqual([
      'E2-CLA-02',
      'E2-CLA-08',
      'N1-CIN-03',
      'N1-CIN-07',
      'N1-CIN-04',
      'N1-CP-04',
      'N1-CP-02',
    ]);
    expect(outcome.strata.map((s) => s.selected)).toEqual([2, 3, 2]);
  });

  it('gives the same sample from the register in any order', () => {
    expect(selectSample([...register].reverse(), policy({ seed }))).toEqual(
      selectSample(register, policy({ seed })),
    );
  });
});

describe('selectSample', () => {
  it('selects nothing from an empty register', () => {
    expect(selectSample([], policy())).toEqual({
      open: 0,
      eligible: 0,
      sampleSize: 0,
      strata: [],
      selected: [],
    });
  });

  it('selects nothing with a count of 0, but still reports the strata', () => {
    const outcome = selectSample([candidate(1, 'a'), candidate(2, 'b')], policy({ count: 0 }));
    expect(outcome.selected).toEqual([]);
    expect(outcome.strata.map((s) => [s.stratum, s.selected, s.quota])).toEqual([
      ['a', 0, 0],
      ['b', 0, 0],
    ]);
  });

  it('takes everyone when the count exceeds the register', () => {
    const register = [candidate(1, 'a'), candidate(2, 'b'), candidate(3, 'b', '2024-06')];
    const outcome = selectSample(register, policy({ count: 10 }));
    expect(outcome.sampleSize).toBe(3);
    expect(outcome.selected.map((s) => s.caseId).sort()).toEqual([1, 2, 3]);
  });

  it('prefers any eligible case to a recently audited one in the same stratum', () => {
    const register = [
      candidate(1, 'a', '2024-06'),
      candidate(2, 'a', '2024-05'),
      candidate(3, 'a', '2020-01'),
    ];
    for (let s = 0; s < 20; s++) {
      expect(
        selectSample(register, policy({ count: 1, seed: `s${s}` })).selected.map((c) => c.caseId),
      ).toEqual([3]);
    }
  });

  it('fills from the least recently audited first when a stratum has too few eligible', () => {
    const register = [
      candidate(1, 'a', '2024-06'),
      candidate(2, 'a', '2024-02'),
      candidate(3, 'a', '2024-04'),
      candidate(4, 'a', null),
      candidate(5, 'a', '2024-01'),
    ];
    const outcome = selectSample(register, policy({ count: 3 }));
    expect(outcome.selected.map((c) => [c.caseId, c.recentlyAudited])).toEqual([
      [4, false],
      [5, true],
      [2, true],
    ]);
  });

  it('treats nothing as recent when the exclusion window is 0', () => {
    const register = Array.from({ length: 10 }, (_, i) => candidate(i + 1, 'a', '2024-06'));
    const outcome = selectSample(register, policy({ excludeMonths: 0, count: 4 }));
    expect(outcome.eligible).toBe(10);
    expect(outcome.selected.every((s) => !s.recentlyAudited)).toBe(true);
  });

  it('sizes the sample over open cases, not over the eligible remainder', () => {
    const register = Array.from({ length: 40 }, (_, i) => candidate(i + 1, 'a', i < 30 ? '2024-05' : null));
    const outcome = selectSample(register, policy());
    expect(outcome).toMatchObject({ open: 40, eligible: 10, sampleSize: 4 });
    expect(outcome.selected).toHaveLength(4);
  });

  it('does not depend on input order even when two rows share a reference', () => {
    const register = [
      candidate(1, 'a', null, 'DUP'),
      candidate(2, 'a', null, 'DUP'),
      candidate(3, 'a', null, 'X'),
    ];
    for (let s = 0; s < 10; s++) {
      const p = policy({ count: 1, seed: `s${s}` });
      expect(selectSample([...register].reverse(), p)).toEqual(selectSample(register, p));
    }
  });

  it('changes with the seed', () => {
    const register = Array.from({ length: 200 }, (_, i) => candidate(i + 1, `t${i % 4}|CIN`));
    const samples = new Set(
      Array.from({ length: 50 }, (_, s) =>
        refs(selectSample(register, policy({ seed: `seed-${s}` }))).join(),
      ),
    );
    expect(samples.size).toBe(50);
  });

  it('gives every case in a stratum about the same chance across seeds', () => {
    const register = Array.from({ length: 10 }, (_, i) => candidate(i + 1, 'a'));
    const hits = new Array<number>(11).fill(0);
    for (let s = 0; s < 2000; s++) {
      for (const c of selectSample(register, policy({ seed: `seed-${s}` })).selected) hits[c.caseId]++;
    }
    // Binomial(2000, 0.1): mean 200, sd ≈ 13.4; fixed seeds, so no flakiness.
    for (let id = 1; id <= 10; id++) expect(Math.abs(hits[id] - 200)).toBeLessThan(70);
  });
});

// ---- Properties over random registers ----

const COHORTS = ['CIN', 'CP', 'CLA', 'CL', 'SEND'];

interface GeneratedCase {
  team: number;
  cohort: number;
  /** Months from the cycle's month to the last audit (negative: before); null: never audited. */
  audited: number | null;
}

const caseArb = fc.record({
  team: fc.nat(5),
  cohort: fc.nat(COHORTS.length - 1),
  audited: fc.option(fc.integer({ min: -24, max: 2 }), { nil: null, freq: 2 }),
});

const registerArb = (minCases = 0, maxCases = 300) =>
  fc.record({
    month: fc
      .record({ y: fc.integer({ min: 2019, max: 2030 }), m: fc.integer({ min: 1, max: 12 }) })
      .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`),
    cases: fc.array(caseArb, { minLength: minCases, maxLength: maxCases }),
    excludeMonths: fc.integer({ min: 0, max: 12 }),
    /** Rate in tenths of a percent, or a fixed count. */
    size: fc.oneof(
      fc.record({ perMille: fc.integer({ min: 1, max: 1000 }) }),
      fc.record({ count: fc.integer({ min: 0, max: 80 }) }),
    ),
    seed: fc.string({ minLength: 1, maxLength: 16 }),
    refPrefix: fc.constantFrom('', 'LCS-', 'case/'),
  });

type Register = ReturnType<typeof registerArb> extends fc.Arbitrary<infer T> ? T : never;

function build(register: Register) {
  const candidates: SelectionCandidate[] = register.cases.map((c: GeneratedCase, i) => ({
    caseId: i + 1,
    caseRef: `${register.refPrefix}${(i * 7919 + 13) % 100_003}`,
    stratum: `team-${c.team}|${COHORTS[c.cohort]}`,
    lastAuditedMonth: c.audited === null ? null : addMonths(register.month, c.audited),
  }));
  const p = policy({
    month: register.month,
    rate: 'perMille' in register.size ? register.size.perMille / 1000 : 0.1,
    count: 'count' in register.size ? register.size.count : null,
    excludeMonths: register.excludeMonths,
    seed: register.seed,
  });
  // Worked out from the generated offsets, independently of month.ts and isRecentlyAudited.
  const recent = new Map(
    register.cases.map((c: GeneratedCase, i) => [
      i + 1,
      c.audited !== null && c.audited <= 0 && -c.audited < register.excludeMonths,
    ]),
  );
  const open = candidates.length;
  const n =
    'count' in register.size
      ? Math.min(register.size.count, open)
      : Math.floor((register.size.perMille * open + 999) / 1000);
  return { candidates, policy: p, recent, n };
}

function byStratum(candidates: readonly SelectionCandidate[]) {
  const strata = new Map<string, SelectionCandidate[]>();
  for (const c of candidates) strata.set(c.stratum, [...(strata.get(c.stratum) ?? []), c]);
  return strata;
}

describe('selectSample properties', () => {
  it('draws n = ceil(rate × open) (or the count), split by stratum within 1 of each quota', () => {
    fc.assert(
      fc.property(registerArb(), (register) => {
        const { candidates, policy: p, n } = build(register);
        const outcome = selectSample(candidates, p);
        const strata = byStratum(candidates);

        expect(outcome.open).toBe(candidates.length);
        expect(outcome.sampleSize).toBe(n);
        expect(outcome.selected).toHaveLength(n);
        expect(new Set(outcome.selected.map((s) => s.caseId)).size).toBe(n);
        expect(outcome.strata.map((s) => s.stratum)).toEqual([...strata.keys()].sort());
        expect(outcome.strata.reduce((sum, s) => sum + s.selected, 0)).toBe(n);

        for (const s of outcome.strata) {
          const members = strata.get(s.stratum)!;
          const picked = outcome.selected.filter((c) => c.stratum === s.stratum);
          const exact = (n * members.length) / candidates.length;
          expect(s.open).toBe(members.length);
          expect(s.selected).toBe(picked.length);
          expect(s.quota).toBeCloseTo(exact, 9);
          expect(Math.abs(picked.length - exact)).toBeLessThan(1);
          expect(picked.length).toBeLessThanOrEqual(members.length);
          // Every selected case really is a member of the stratum it is reported in.
          const ids = new Set(members.map((m) => m.caseId));
          for (const c of picked) expect(ids.has(c.caseId)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('skips recently audited cases while their stratum has eligible ones, and fills oldest first', () => {
    fc.assert(
      fc.property(registerArb(), (register) => {
        const { candidates, policy: p, recent } = build(register);
        const outcome = selectSample(candidates, p);
        const chosen = new Set(outcome.selected.map((s) => s.caseId));
        const rank = (c: SelectionCandidate) => sha(`${p.seed}:case:${c.caseRef}`);

        expect(outcome.eligible).toBe([...recent.values()].filter((r) => !r).length);
        for (const s of outcome.selected) expect(s.recentlyAudited).toBe(recent.get(s.caseId));

        for (const [key, members] of byStratum(candidates)) {
          const fresh = members.filter((m) => !recent.get(m.caseId));
          const stale = members.filter((m) => recent.get(m.caseId));
          expect(outcome.strata.find((s) => s.stratum === key)!.eligible).toBe(fresh.length);
          if (stale.some((m) => chosen.has(m.caseId))) {
            expect(fresh.every((m) => chosen.has(m.caseId))).toBe(true);
          }
          // Among the eligible: the lowest seeded ranks. Among the fill: the oldest audits.
          for (const a of fresh.filter((m) => chosen.has(m.caseId))) {
            for (const b of fresh.filter((m) => !chosen.has(m.caseId))) expect(rank(a) < rank(b)).toBe(true);
          }
          for (const a of stale.filter((m) => chosen.has(m.caseId))) {
            for (const b of stale.filter((m) => !chosen.has(m.caseId))) {
              const older = a.lastAuditedMonth! < b.lastAuditedMonth!;
              const tie = a.lastAuditedMonth === b.lastAuditedMonth && rank(a) < rank(b);
              expect(older || tie).toBe(true);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same sample for the same register, month and seed in any input order', () => {
    const withOrder = registerArb().chain((register) =>
      fc.tuple(
        fc.constant(register),
        fc.shuffledSubarray(
          register.cases.map((_, i) => i),
          { minLength: register.cases.length },
        ),
      ),
    );
    fc.assert(
      fc.property(withOrder, ([register, order]) => {
        const { candidates, policy: p } = build(register);
        const shuffled = order.map((i) => candidates[i]);
        expect(selectSample(shuffled, p)).toEqual(selectSample(candidates, p));
      }),
      { numRuns: 150 },
    );
  });

  it('gives a different sample under a different seed when there is real choice', () => {
    const logChoose = (n: number, k: number) => {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += Math.log(n - i) - Math.log(i + 1);
      return sum;
    };
    fc.assert(
      fc.property(registerArb(60, 300), fc.string({ minLength: 1, maxLength: 16 }), (register, otherSeed) => {
        fc.pre(otherSeed !== register.seed);
        const { candidates, policy: p, recent } = build(register);
        const first = selectSample(candidates, p);
        // Only where the draw had at least 10^9 equally likely outcomes, so "usually" is "always".
        let logOutcomes = 0;
        for (const [key, members] of byStratum(candidates)) {
          const share = first.strata.find((s) => s.stratum === key)!.selected;
          const fresh = members.filter((m) => !recent.get(m.caseId)).length;
          if (share <= fresh) logOutcomes += logChoose(fresh, share);
        }
        fc.pre(logOutcomes > Math.log(1e9));
        const second = selectSample(candidates, { ...p, seed: otherSeed });
        expect(refs(second).sort()).not.toEqual(refs(first).sort());
      }),
      { numRuns: 100 },
    );
  });
});
