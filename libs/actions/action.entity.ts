import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn, WorkflowColumns } from '../persistence/index.js';

/**
 * An action raised by an audit and tracked to closure (workflows/action.machine.ts). The owner
 * and due date are columns as well as in the snapshot, so that the tracker filters, sorts and
 * pages in SQL; the team is the audit's, copied so that access is one condition on this row.
 */
@Entity('actions')
@Index(['teamId', 'state'])
@Index(['ownerId', 'state'])
@Index(['state', 'dueOn'])
export class Action extends WorkflowColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @ForeignKey('audits', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer' })
  auditId: number;

  @ForeignKey('teams', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer' })
  teamId: number;

  /** What must change: specific and measurable. */
  @Column({ type: 'text' })
  what: string;

  /** Why: the finding it comes from. */
  @Column({ type: 'text' })
  why: string;

  /** The tool domain the finding comes from, if one. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  domainKey: string | null;

  /** How success will be seen. */
  @Column({ type: 'text' })
  successMeasure: string;

  @ForeignKey('users', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer' })
  ownerId: number;

  /** YYYY-MM-DD, a day in Europe/London. */
  @Column({ type: 'varchar', length: 10 })
  dueOn: string;

  @Index()
  @ForeignKey('plan_items', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer', nullable: true })
  planItemId: number | null;

  @ForeignKey('users', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer' })
  raisedBy: number;

  @Column({ type: 'varchar', length: 30, nullable: true })
  closedAt: string | null;

  @CreatedAtColumn()
  createdAt: string;

  @UpdatedAtColumn()
  updatedAt: string;
}
