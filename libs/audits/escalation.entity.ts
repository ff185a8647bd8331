import { WorkflowColumns } from '../persistence/index.js';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Unsafe practice or a child at risk, raised during an audit, to be acknowledged by the head of service. */
@Entity('escalations')
@Index(['localityId', 'state'])
export class Escalation extends WorkflowColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @ForeignKey('audits', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer' })
  auditId: number;

  @ForeignKey('localities', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer', nullable: true })
  localityId: number | null;

  @ForeignKey('users', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer' })
  raisedBy: number;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 30 })
  raisedAt: string;

  @ForeignKey('users', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer', nullable: true })
  acknowledgedBy: number | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  acknowledgedAt: string | null;

  @Column({ type: 'text', nullable: true })
  response: string | null;
}
