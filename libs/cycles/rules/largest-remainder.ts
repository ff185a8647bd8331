import { rankKey } from '../../common/index.js';

export interface StratumSize {
  key: string;
  size: number;
}

/**
 * Splits `n` across strata in proportion to their sizes (Hamilton's largest-remainder method).
 *
 * Each stratum gets the floor of its exact quota `n × size / total`; the seats left over go to
 * the largest fractional remainders. Ties are broken by the seeded rank key, not by name, so no
 * team is favoured by where it falls in the alphabet. The shares sum to `n` and each is within
 * 1 of its exact quota. A share never exceeds its stratum's size. When `n` exceeds the total
 * every stratum gets its size. Keys must be unique: a repeated key is a RangeError, because its
 * shares would silently merge and no longer sum to `n`.
 */
export function apportion(n: number, strata: readonly StratumSize[], seed: string): Map<string, number> {
  if (new Set(strata.map((s) => s.key)).size !== strata.length) {
    throw new RangeError('apportion: stratum keys must be unique');
  }
  const total = strata.reduce((sum, s) => sum + s.size, 0);
  const shares = new Map<string, number>();
  if (total === 0 || n <= 0) {
    for (const s of strata) shares.set(s.key, 0);
    return shares;
  }
  const seats = Math.min(n, total);
  const remainders: { key: string; remainder: number; tie: string }[] = [];
  let given = 0;
  for (const s of strata) {
    // Integer arithmetic keeps the remainders exact: quota = (seats × size) / total.
    const numerator = seats * s.size;
    const floor = Math.floor(numerator / total);
    shares.set(s.key, floor);
    given += floor;
    remainders.push({ key: s.key, remainder: numerator % total, tie: rankKey(seed, 'stratum', s.key) });
  }
  remainders.sort((a, b) => b.remainder - a.remainder || (a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0));
  for (let i = 0; i < seats - given; i++) {
    const key = remainders[i].key;
    shares.set(key, (shares.get(key) ?? 0) + 1);
  }
  return shares;
}
