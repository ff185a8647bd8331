import { apportion } from './largest-remainder.js';
import { monthIndex } from './month.js';
import { rankKey } from '../../common/index.js';

export interface SelectionCandidate {
  caseId: number;
  caseRef: string;
  /** The stratum the case is drawn from: its team and cohort on the as-of date. */
  stratum: string;
  /** The month of the case's latest audit (any cycle), or null if never audited. */
  lastAuditedMonth: string | null;
}

export interface SelectionPolicy {
  month: string;
  /** Share of open cases to audit, e.g. 0.1. Ignored when `count` is set. */
  rate: number;
  /** A fixed sample size instead of a rate (themed cycles). */
  count?: number | null;
  /** Cases audited in this many months before the cycle's month (or in it) are skipped first. */
  excludeMonths: number;
  seed: string;
}

export interface StratumOutcome {
  stratum: string;
  open: number;
  eligible: number;
  /** The exact proportional quota before rounding, for anyone checking the arithmetic. */
  quota: number;
  selected: number;
}

export interface SelectedCase {
  caseId: number;
  caseRef: string;
  stratum: string;
  rank: string;
  /** True when the case was audited inside the exclusion window but filled a gap. */
  recentlyAudited: boolean;
}

export interface SelectionOutcome {
  open: number;
  eligible: number;
  sampleSize: number;
  strata: StratumOutcome[];
  selected: SelectedCase[];
}

/** `ceil(rate × open)`, immune to binary fractions: 0.1 × 30 is 3, not 3.0000000000000004 → 4. */
export function sampleSize(open: number, rate: number, count?: number | null): number {
  // Never below 0: a negative rate or count is a mistake in the policy, not a negative sample.
  if (count != null) return Math.max(0, Math.min(count, open));
  return Math.max(0, Math.min(open, Math.ceil(Math.round(rate * open * 1e6) / 1e6)));
}

export function isRecentlyAudited(
  lastAuditedMonth: string | null,
  month: string,
  excludeMonths: number,
): boolean {
  if (lastAuditedMonth === null || excludeMonths <= 0) return false;
  const age = monthIndex(month) - monthIndex(lastAuditedMonth);
  return age >= 0 && age < excludeMonths;
}

interface Ranked extends SelectionCandidate {
  rank: string;
  recent: boolean;
}

/** Seeded rank order; two rows with the same reference (and so the same rank) fall back to id. */
const byRank = (a: Ranked, b: Ranked) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.caseId - b.caseId);
/** Least recently audited first; never-audited cases cannot be in this list. */
const byLeastRecentlyAudited = (a: Ranked, b: Ranked) =>
  (a.lastAuditedMonth ?? '').localeCompare(b.lastAuditedMonth ?? '') || byRank(a, b);

/**
 * The month's sample: stratified by team × cohort with proportional shares (largest remainder),
 * drawn within each stratum in seeded rank order from the cases not audited recently; where a
 * stratum has too few of those, its least recently audited cases fill the gap.
 *
 * The sample size is taken over open cases, not over the eligible remainder, because the
 * framework audits 10% of open cases every month: with a 6-month exclusion window the eligible
 * pool shrinks month by month, and a rate over it would shrink the sample with it.
 */
export function selectSample(
  candidates: readonly SelectionCandidate[],
  policy: SelectionPolicy,
): SelectionOutcome {
  const strata = new Map<string, Ranked[]>();
  for (const candidate of candidates) {
    // Fields copied one by one: an object spread over 100,000 candidates costs more than the hashing.
    const ranked: Ranked = {
      caseId: candidate.caseId,
      caseRef: candidate.caseRef,
      stratum: candidate.stratum,
      lastAuditedMonth: candidate.lastAuditedMonth,
      rank: rankKey(policy.seed, 'case', candidate.caseRef),
      recent: isRecentlyAudited(candidate.lastAuditedMonth, policy.month, policy.excludeMonths),
    };
    const list = strata.get(candidate.stratum);
    if (list) list.push(ranked);
    else strata.set(candidate.stratum, [ranked]);
  }
  const open = candidates.length;
  const n = sampleSize(open, policy.rate, policy.count);
  const keys = [...strata.keys()].sort();
  const shares = apportion(
    n,
    keys.map((key) => ({ key, size: strata.get(key)!.length })),
    policy.seed,
  );

  const selected: SelectedCase[] = [];
  const outcomes: StratumOutcome[] = [];
  let eligibleTotal = 0;
  for (const key of keys) {
    const members = strata.get(key)!;
    const eligible = members.filter((c) => !c.recent).sort(byRank);
    const fill = members.filter((c) => c.recent).sort(byLeastRecentlyAudited);
    const share = shares.get(key) ?? 0;
    const picked = [...eligible.slice(0, share), ...fill.slice(0, Math.max(0, share - eligible.length))];
    for (const c of picked) {
      selected.push({
        caseId: c.caseId,
        caseRef: c.caseRef,
        stratum: key,
        rank: c.rank,
        recentlyAudited: c.recent,
      });
    }
    eligibleTotal += eligible.length;
    outcomes.push({
      stratum: key,
      open: members.length,
      eligible: eligible.length,
      quota: open === 0 ? 0 : (n * members.length) / open,
      selected: picked.length,
    });
  }
  return { open, eligible: eligibleTotal, sampleSize: n, strata: outcomes, selected };
}
