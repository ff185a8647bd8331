import type { EntityManager } from 'typeorm';
import { placeholder } from '../persistence/index.js';

export const OUTBOX_POLICY = {
  /** After this many failed sends a notification stays in the outbox, undelivered, for an operator. */
  maxAttempts: 5,
  batchSize: 50,
  /** One delivery run sends at most batchSize × maxBatches, so a request that triggers it stays bounded. */
  maxBatches: 20,
  /** A claimed row is the claiming worker's for this long; a worker that dies mid-send frees it then. */
  leaseMs: 5 * 60_000,
  /** The first retry waits this long, each later one twice as long as the one before. */
  backoffMs: 60_000,
};

/** When to try again after the `attempts`-th failed send: 1, 2, 4, 8… minutes later. */
export function retryAt(now: Date, attempts: number): string {
  const delay = OUTBOX_POLICY.backoffMs * 2 ** Math.max(0, attempts - 1);
  return new Date(now.getTime() + delay).toISOString();
}

/**
 * Claims the oldest due notifications, in the caller's transaction: not yet sent, attempts below
 * the limit, next attempt due. Claiming counts an attempt and leases the row (its next attempt
 * moves past the lease), so it is invisible to other workers until the lease runs out.
 *
 * On PostgreSQL `FOR UPDATE SKIP LOCKED` lets concurrent workers pass over each other's rows
 * instead of waiting for them or taking them twice; on SQLite the Db mutex runs one claim at a
 * time. Dead rows (attempts at the limit) are filtered in SQL, so they never fill the batch.
 */
export async function claimDueNotifications(m: EntityManager, now: Date): Promise<number[]> {
  const postgres = m.connection.options.type === 'postgres';
  const rows: { id: number | string }[] = await m.query(
    `SELECT id FROM notifications
     WHERE sent_at IS NULL AND attempts < ${placeholder(m, 1)} AND next_attempt_at <= ${placeholder(m, 2)}
     ORDER BY id LIMIT ${OUTBOX_POLICY.batchSize}${postgres ? ' FOR UPDATE SKIP LOCKED' : ''}`,
    [OUTBOX_POLICY.maxAttempts, now.toISOString()],
  );
  const ids = rows.map((row) => Number(row.id));
  if (ids.length === 0) return ids;
  const lease = new Date(now.getTime() + OUTBOX_POLICY.leaseMs).toISOString();
  const list = ids.map((_, i) => placeholder(m, i + 2)).join(', ');
  await m.query(
    `UPDATE notifications SET attempts = attempts + 1, next_attempt_at = ${placeholder(m, 1)} WHERE id IN (${list})`,
    [lease, ...ids],
  );
  return ids;
}

/**
 * Whether any row is due, read without claiming: a command that may have queued nothing asks
 * this first, so it does not open a write transaction for an empty outbox.
 */
export async function anyDueNotification(m: EntityManager, now: Date): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `SELECT 1 AS due FROM notifications
     WHERE sent_at IS NULL AND attempts < ${placeholder(m, 1)} AND next_attempt_at <= ${placeholder(m, 2)}
     LIMIT 1`,
    [OUTBOX_POLICY.maxAttempts, now.toISOString()],
  );
  return rows.length > 0;
}
