import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from './timestamp-columns.js';

/**
 * One row per accepted workflow event, or per recorded change that is no event (`recordChange`:
 * from a state to itself, `detail` keeping what it replaced): the history an inspector reads.
 * Append-only.
 */
@Entity('workflow_transitions')
@Index(['entityType', 'entityId'])
export class WorkflowTransition {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 30 })
  entityType: string;

  @Column({ type: 'integer' })
  entityId: number;

  @Column({ type: 'varchar', length: 60 })
  machineId: string;

  @Column({ type: 'varchar', length: 20 })
  machineVersion: string;

  @Column({ type: 'varchar', length: 40 })
  event: string;

  @Column({ type: 'varchar', length: 40 })
  fromState: string;

  @Column({ type: 'varchar', length: 40 })
  toState: string;

  @ForeignKey('users', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer', nullable: true })
  actorId: number | null;

  @Column({ type: 'varchar', length: 120 })
  actorLabel: string;

  @Column({ type: 'simple-json', nullable: true })
  detail: Record<string, unknown> | null;

  @CreatedAtColumn()
  at: string;
}
