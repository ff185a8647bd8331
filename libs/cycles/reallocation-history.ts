import type { EntityManager } from 'typeorm';
import { userById } from '../org/index.js';
import type { WorkflowRunner } from '../persistence/index.js';

/** One earlier change of an audit's auditor, with the reason the administrator typed. */
export interface Reallocation {
  at: string;
  /** Who made the change, as the history names them: `username (role)`. */
  by: string;
  /** The auditor it went from (null when it had none) and to, by name. */
  from: string | null;
  to: string | null;
  reason: string;
}

/**
 * The audit's reallocations, oldest first, read from its own history: the reason is stored on
 * the history row in the same transaction as the change, so this is the record itself.
 */
export async function reallocationsOf(
  m: EntityManager,
  workflows: WorkflowRunner,
  auditId: number,
): Promise<Reallocation[]> {
  const rows = await workflows.history(m, 'audit', auditId, {
    event: true,
    actorLabel: true,
    at: true,
    detail: true,
  });
  const names = new Map<number, string | null>();
  const nameOf = async (id: unknown) => {
    if (typeof id !== 'number') return null;
    if (!names.has(id)) names.set(id, (await userById(m, id))?.displayName ?? null);
    return names.get(id)!;
  };
  const changes: Reallocation[] = [];
  for (const row of rows) {
    const detail = row.detail ?? {};
    if (row.event !== 'ALLOCATE' || typeof detail.reason !== 'string') continue;
    changes.push({
      at: String(row.at),
      by: row.actorLabel,
      from: await nameOf(detail.fromAuditorId),
      to: await nameOf(detail.toAuditorId),
      reason: detail.reason,
    });
  }
  return changes;
}
