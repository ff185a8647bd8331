import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAtColumn } from '../persistence/timestamp-columns.js';
import type { AuditToolDefinition } from './audit-tool-definition.js';

export type AuditToolStatus = 'draft' | 'published' | 'retired';

/** One version of an audit tool. Published versions are frozen; audits pin the version they used. */
@Entity('audit_tools')
@Index(['key', 'version'], { unique: true })
export class AuditTool {
  @PrimaryGeneratedColumn()
  id: number;

  /** The tool's name across versions, e.g. "standard" or a themed tool's key. */
  @Column({ type: 'varchar', length: 60 })
  key: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 20 })
  status: AuditToolStatus;

  @Column({ type: 'simple-json' })
  definition: AuditToolDefinition;

  @Column({ type: 'varchar', length: 30, nullable: true })
  publishedAt: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  retiredAt: string | null;

  @Column({ type: 'varchar', length: 120 })
  createdBy: string;

  /** Optimistic lock for edits of a draft. */
  @VersionColumn({ name: 'row_version' })
  rowVersion: number;

  @CreatedAtColumn()
  createdAt: string;
}
