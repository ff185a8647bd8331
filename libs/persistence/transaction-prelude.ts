import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/**
 * Work that must commit or roll back with the first transaction a request opens: a one-time
 * form token or an idempotency key is claimed inside the very transaction that creates the
 * record, so a record never exists without its claim, nor a claim without its record.
 */
export class TransactionPrelude {
  /** Not yet run in a transaction that committed (it runs again after a rollback). */
  pending = true;
  /** Set once the request's handler has finished: later transactions are not its own. */
  closed = false;
  /** Ran and threw (the token was taken): it is not tried again. */
  refused = false;

  constructor(readonly run: (manager: EntityManager) => Promise<void>) {}
}

const preludes = new AsyncLocalStorage<TransactionPrelude>();

/** Runs `work` (a request's handler) so that its first transaction runs `prelude` first. */
export function withTransactionPrelude<T>(prelude: TransactionPrelude, work: () => T): T {
  return preludes.run(prelude, work);
}

/** For Db.transaction: the prelude this transaction must run first, if any; marked as taken. */
export function takeTransactionPrelude(): TransactionPrelude | undefined {
  const prelude = preludes.getStore();
  if (!prelude || !prelude.pending || prelude.closed || prelude.refused) return undefined;
  prelude.pending = false;
  return prelude;
}
