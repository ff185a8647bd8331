import { hash, randomBytes } from 'node:crypto';

/**
 * The documented source of randomness for selection and allocation.
 *
 * Every case gets a rank key: the SHA-256 hex digest of `${seed}:${scope}:${id}`. Sorting by
 * that key is a random permutation that depends only on the seed and the identifiers, never on
 * the order rows come out of a database, so anyone can re-run a cycle's selection (in a
 * spreadsheet, in Python, here) from the seed printed on the cycle and get the same sample.
 */
export function rankKey(seed: string, scope: string, id: string): string {
  // One-shot hash(): the same digest as createHash().update().digest(), several times faster.
  return hash('sha256', `${seed}:${scope}:${id}`, 'hex');
}

/** A fresh seed: 64 random bits as 16 hex characters, short enough to read out or type. */
export function newSeed(): string {
  return randomBytes(8).toString('hex');
}
