import {
  type AuditorProfile,
  type CaseForAllocation,
  conflictBetween,
  type PreparedAuditor,
  prepareAuditor,
  prepareCase,
} from './conflict-of-interest.js';
import { rankKey } from '../../common/index.js';

export interface Auditor extends AuditorProfile {
  /** Audits still open from earlier cycles: they count towards the load to balance. */
  openAudits: number;
}

export type Tier = 2 | 3;

export interface Allocation {
  caseId: number;
  auditorId: number | null;
  tier: Tier;
  /** Why no one could take the case, when `auditorId` is null. */
  unallocatedReason: string | null;
}

export interface AllocationPolicy {
  seed: string;
  /** How many of the sample go to heads of service and the director (tier 3). */
  tier3Count: number;
}

interface PoolMember {
  auditor: Auditor;
  prepared: PreparedAuditor;
  load: number;
  tie: string;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byLoad = (a: PoolMember, b: PoolMember) => a.load - b.load || byKey(a.tie, b.tie);

/**
 * Water-filling over one pool: each case goes to the least-loaded auditor free of conflict, the
 * most constrained cases first so that they still find someone. Conflicts can still leave an
 * auditor two or more above someone who could have taken one of their cases, directly or through
 * a chain (A's case to B, one of B's to C), so a repair pass then shifts cases along such chains
 * until none is left. No chain left means the loads are as even as the conflicts allow: the
 * spread, the maximum and the sum of squares are all as small as they can be (semi-matching
 * theory: Harvey, Ladner, Lovász and Tamir, 2003). Carried-over audits count as fixed load.
 */
function fillPool(
  cases: readonly CaseForAllocation[],
  auditors: readonly Auditor[],
  seed: string,
  tier: Tier,
): { placed: Map<number, number>; refused: CaseForAllocation[] } {
  const members: PoolMember[] = auditors
    .map((auditor) => ({
      auditor,
      prepared: prepareAuditor(auditor),
      load: auditor.openAudits,
      tie: rankKey(seed, `auditor-${tier}`, String(auditor.id)),
    }))
    .sort(byLoad);
  // Who may take each case, in a fixed order: worked out once, as names are normalised each time.
  const free = new Map<number, PoolMember[]>();
  for (const c of cases) {
    const prepared = prepareCase(c);
    free.set(
      c.caseId,
      members.filter((m) => conflictBetween(m.prepared, prepared) === null),
    );
  }
  const caseRank = new Map(cases.map((c) => [c.caseId, rankKey(seed, 'allocate', c.caseRef)]));
  const ordered = [...cases].sort(
    (a, b) =>
      free.get(a.caseId)!.length - free.get(b.caseId)!.length ||
      byKey(caseRank.get(a.caseId)!, caseRank.get(b.caseId)!) ||
      a.caseId - b.caseId,
  );
  const placed = new Map<number, number>();
  const refused: CaseForAllocation[] = [];
  for (const c of ordered) {
    const options = free.get(c.caseId)!;
    if (options.length === 0) {
      refused.push(c);
      continue;
    }
    const member = options.reduce((best, m) => (byLoad(m, best) < 0 ? m : best));
    member.load += 1;
    placed.set(c.caseId, member.auditor.id);
  }
  repair(members, ordered, free, placed);
  return { placed, refused };
}

/**
 * Shifts cases along chains from an auditor to one at least 2 lighter, heaviest first, until no
 * such chain remains. Each shift lowers the sum of squared loads, so this ends.
 */
function repair(
  members: PoolMember[],
  ordered: readonly CaseForAllocation[],
  free: ReadonlyMap<number, readonly PoolMember[]>,
  placed: Map<number, number>,
): void {
  for (;;) {
    members.sort(byLoad);
    let shifted = false;
    for (let h = members.length - 1; h > 0 && !shifted; h--) {
      const source = members[h];
      if (source.load - members[0].load < 2) break;
      // Breadth-first over "gives one of its cases to": the shortest chains first.
      const via = new Map<PoolMember, { from: PoolMember; caseId: number }>([
        [source, { from: source, caseId: -1 }],
      ]);
      const queue = [source];
      let target: PoolMember | null = null;
      for (let q = 0; q < queue.length && !target; q++) {
        const giver = queue[q];
        for (const c of ordered) {
          if (placed.get(c.caseId) !== giver.auditor.id) continue;
          for (const taker of free.get(c.caseId)!) {
            if (via.has(taker)) continue;
            via.set(taker, { from: giver, caseId: c.caseId });
            queue.push(taker);
            const lighter = taker.load <= source.load - 2;
            if (lighter && (target === null || byLoad(taker, target) < 0)) target = taker;
          }
        }
      }
      if (!target) continue;
      for (let m = target; m !== source;) {
        const step = via.get(m)!;
        placed.set(step.caseId, m.auditor.id);
        m = step.from;
      }
      source.load -= 1;
      target.load += 1;
      shifted = true;
    }
    if (!shifted) return;
  }
}

/**
 * Gives each selected case one auditor. `tier3Count` cases (chosen by seeded rank) go to the
 * tier 3 pool (heads of service and the director); the rest, and any tier 3 case no one in that
 * pool may take, go to the main pool. A case no one may take stays unallocated with the reason.
 */
export function allocateAudits(
  cases: readonly CaseForAllocation[],
  pools: { main: readonly Auditor[]; tier3: readonly Auditor[] },
  policy: AllocationPolicy,
): Allocation[] {
  // Tier 3 takes the first `tier3Count` cases in seeded order that someone in its pool may take:
  // a case that conflicts with every head of service must not use up a tier 3 place.
  const tier3Rank = new Map(cases.map((c) => [c.caseId, rankKey(policy.seed, 'tier3', c.caseRef)]));
  const tier3Auditors = pools.tier3.map(prepareAuditor);
  const tier3Cases = [...cases]
    .filter((c) => {
      const prepared = prepareCase(c);
      return tier3Auditors.some((a) => conflictBetween(a, prepared) === null);
    })
    .sort((a, b) => byKey(tier3Rank.get(a.caseId)!, tier3Rank.get(b.caseId)!) || a.caseId - b.caseId)
    .slice(0, Math.max(0, policy.tier3Count));
  const tier3Ids = new Set(tier3Cases.map((c) => c.caseId));
  const tier3 = fillPool(tier3Cases, pools.tier3, policy.seed, 3);
  const mainCases = [...cases.filter((c) => !tier3Ids.has(c.caseId)), ...tier3.refused];
  // Someone in both pools carries their tier 3 audits into the main pool's balance.
  const tier3Load = new Map<number, number>();
  for (const id of tier3.placed.values()) tier3Load.set(id, (tier3Load.get(id) ?? 0) + 1);
  const mainPool = pools.main.map((a) => ({ ...a, openAudits: a.openAudits + (tier3Load.get(a.id) ?? 0) }));
  const main = fillPool(mainCases, mainPool, policy.seed, 2);

  return cases.map((c) => {
    const tier3Auditor = tier3.placed.get(c.caseId);
    if (tier3Auditor !== undefined) {
      return { caseId: c.caseId, auditorId: tier3Auditor, tier: 3, unallocatedReason: null };
    }
    const auditorId = main.placed.get(c.caseId);
    if (auditorId !== undefined) return { caseId: c.caseId, auditorId, tier: 2, unallocatedReason: null };
    const reason =
      pools.main.length === 0
        ? 'no auditors in the pool'
        : 'every auditor in the pool is the case worker or manages the case team';
    return { caseId: c.caseId, auditorId: null, tier: 2, unallocatedReason: reason };
  });
}
