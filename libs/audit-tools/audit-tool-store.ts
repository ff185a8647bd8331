import type { EntityManager } from 'typeorm';
import { type AuditToolEvent, auditToolMachine } from '../../workflows/audit-tool.machine.js';
import { DomainError } from '../common/domain-error.js';
import type { Actor, WorkflowRunner } from '../persistence/workflow-runner.service.js';
import { AuditTool, type AuditToolStatus } from './audit-tool.entity.js';

/** The history's name for audit-tool runs (kept from before they were machines). */
export const AUDIT_TOOL_ENTITY = 'audit_tool';

/** A tool version as the API shows it: the machine's state is its `status`; the snapshot stays inside. */
export interface AuditToolRecord {
  id: number;
  key: string;
  version: number;
  title: string;
  status: AuditToolStatus;
  definition: AuditTool['definition'];
  publishedAt: string | null;
  retiredAt: string | null;
  createdBy: string;
  rowVersion: number;
  createdAt: Date;
}

export function toRecord(tool: AuditTool): AuditToolRecord {
  return {
    id: tool.id,
    key: tool.key,
    version: tool.version,
    title: tool.title,
    status: tool.state,
    definition: tool.definition,
    publishedAt: tool.publishedAt,
    retiredAt: tool.retiredAt,
    createdBy: tool.createdBy,
    rowVersion: tool.rowVersion,
    createdAt: tool.createdAt,
  };
}

export async function requireTool(m: EntityManager, id: number): Promise<AuditTool> {
  const tool = await m.findOneBy(AuditTool, { id });
  if (!tool) throw DomainError.notFound('audit tool', id);
  return tool;
}

/**
 * Moves a tool version through the audit-tool machine: 409 naming the state and the event if
 * the version's state does not allow it, 409 stale if the row is no longer at
 * `expectedRowVersion`, and the history row, all in the caller's transaction.
 */
export function moveTool(
  workflows: WorkflowRunner,
  m: EntityManager,
  tool: AuditTool,
  event: AuditToolEvent,
  actor: Actor,
  options: { expectedRowVersion?: number; patch?: Partial<AuditTool> } = {},
): Promise<AuditTool> {
  return workflows.send(m, {
    machine: auditToolMachine,
    entity: AuditTool,
    entityType: AUDIT_TOOL_ENTITY,
    record: tool,
    event,
    actor,
    lockField: 'rowVersion',
    expectedVersion: options.expectedRowVersion,
    patch: options.patch,
  });
}
