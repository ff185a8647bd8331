import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { AuditToolState } from '../../workflows/audit-tool.machine.js';
import { WorkflowStateColumns } from '../persistence/workflow-columns.js';
import type { AuditToolDefinition } from './audit-tool-definition.js';

/** What the API calls `status`: the audit-tool machine's state (draft, published, retired). */
export type AuditToolStatus = AuditToolState;

/**
 * One version of an audit tool, a run of the audit-tool machine (its `state`). Published
 * versions are frozen; audits pin the version they used.
 */
@Entity('audit_tools')
@Index(['key', 'version'], { unique: true })
export class AuditTool extends WorkflowStateColumns {
  @PrimaryGeneratedColumn()
  id: number;

  /** The tool's name across versions, e.g. "standard" or a themed tool's key. */
  @Column({ type: 'varchar', length: 60 })
  key: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  declare state: AuditToolStatus;

  @Column({ type: 'simple-json' })
  definition: AuditToolDefinition;

  @Column({ type: 'varchar', length: 30, nullable: true })
  publishedAt: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  retiredAt: string | null;

  @Column({ type: 'varchar', length: 120 })
  createdBy: string;

  /** The optimistic lock of every change (`version` is the tool's number). */
  @VersionColumn({ name: 'row_version' })
  rowVersion: number;

  @CreateDateColumn()
  createdAt: Date;
}
