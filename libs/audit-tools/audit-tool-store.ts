import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { DomainError, ErrorCode } from '../common/index.js';
import type { Actor } from '../persistence/index.js';
import { WorkflowTransition } from '../persistence/index.js';
import { AuditTool, type AuditToolStatus } from './audit-tool.entity.js';

export type AuditToolEvent = 'CREATE' | 'EDIT' | 'PUBLISH' | 'RETIRE';

export async function requireTool(m: EntityManager, id: number): Promise<AuditTool> {
  const tool = await m.findOneBy(AuditTool, { id });
  if (!tool) throw DomainError.notFound('audit tool', id);
  return tool;
}

/** 409 naming the state and the event, as the workflow runner does for machines. */
export function requireStatus(tool: AuditTool, status: AuditToolStatus, event: AuditToolEvent): void {
  if (tool.status === status) return;
  const frozen =
    tool.status === 'draft' ? '' : `; a ${tool.status} version is frozen: draft a new version from it`;
  throw new DomainError(
    ErrorCode.IllegalTransition,
    `${event} is not allowed while audit tool ${tool.key} v${tool.version} is ${tool.status}${frozen}`,
    { state: tool.status, event },
  );
}

/**
 * Writes only if the row is still at `expectedRowVersion`: a draft edited by someone else since
 * it was read, or published or retired meanwhile, is not overwritten (409 stale update).
 */
export async function writeTool(
  m: EntityManager,
  tool: AuditTool,
  expectedRowVersion: number,
  changes: QueryDeepPartialEntity<AuditTool>,
): Promise<void> {
  const result = await m
    .createQueryBuilder()
    .update(AuditTool)
    .set({ ...changes, rowVersion: expectedRowVersion + 1 })
    .where({ id: tool.id, rowVersion: expectedRowVersion })
    .execute();
  if (result.affected === 0) {
    throw new DomainError(
      ErrorCode.StaleUpdate,
      `audit tool ${tool.id} was changed by someone else since it was read; reload and try again`,
      { rowVersion: tool.rowVersion },
    );
  }
}

/** Who created, edited, published or retired a version: the entity keeps only its creator. */
export function recordToolEvent(
  m: EntityManager,
  toolId: number,
  event: AuditToolEvent,
  fromState: AuditToolStatus | '',
  toState: AuditToolStatus,
  actor: Actor,
  detail: Record<string, unknown> | null = null,
) {
  return m.insert(WorkflowTransition, {
    entityType: 'audit_tool',
    entityId: toolId,
    // Not an xstate machine: the lifecycle is three states in a column, checked by requireStatus.
    machineId: 'auditTool',
    machineVersion: '0',
    event,
    fromState,
    toState,
    actorId: actor.id,
    actorLabel: actor.label,
    detail: detail as never,
  });
}
