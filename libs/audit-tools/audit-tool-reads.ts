import type { EntityManager } from 'typeorm';
import { AuditTool } from './audit-tool.entity.js';

/** A tool version as other features hold it. */
export type PinnedTool = Pick<AuditTool, 'id' | 'key' | 'version' | 'title' | 'state' | 'definition'>;

/** Whether `id` is a published tool version (a cycle may name only those). */
export async function isPublishedTool(m: EntityManager, id: number): Promise<boolean> {
  const tool = await m.findOneBy(AuditTool, { id });
  return tool?.state === 'published';
}

/** One tool version by id, whatever its status; throws when there is none. */
export function toolById(m: EntityManager, id: number): Promise<PinnedTool> {
  return m.findOneByOrFail(AuditTool, { id });
}
