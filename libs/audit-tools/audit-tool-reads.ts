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

/** The published tool versions a cycle may name, by key then newest version first. */
export function publishedTools(
  m: EntityManager,
): Promise<Pick<AuditTool, 'id' | 'key' | 'version' | 'title'>[]> {
  return m.find(AuditTool, {
    select: { id: true, key: true, version: true, title: true },
    where: { state: 'published' },
    order: { key: 'ASC', version: 'DESC', id: 'DESC' },
  });
}
