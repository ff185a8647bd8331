import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/index.js';
import { User } from './user.entity.js';

/** No two users may hold one worker key: the second would read the first one's case audits. */
export function workerKeyTaken(): DomainError {
  const message = 'workerKey is already linked to another user';
  return new DomainError(ErrorCode.Conflict, message, {
    field: 'workerKey',
    errors: [{ field: 'workerKey', message }],
  });
}

/** Refuses a key another user holds (the unique index refuses a racing one: see {@link isWorkerKeyClash}). */
export async function requireFreeWorkerKey(
  m: EntityManager,
  key: string | null,
  userId: number | null,
): Promise<void> {
  if (key === null) return;
  const holder = await m.findOne(User, { select: { id: true }, where: { workerKey: key } });
  if (holder && holder.id !== userId) throw workerKeyTaken();
}

/** The unique index on users.worker_key refused a write (SQLite and PostgreSQL word it apart). */
export function isWorkerKeyClash(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /IDX_users_worker_key|users\.worker_key/.test(message);
}

/** Runs a write that sets a worker key, answering a racing duplicate as the same 409. */
export async function withWorkerKey<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isWorkerKeyClash(error)) throw workerKeyTaken();
    throw error;
  }
}
