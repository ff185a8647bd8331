import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../persistence/index.js';

/** The notices the overdue job sends about an action. */
export const NOTICE_STEPS = ['reminder-early', 'reminder-last', 'overdue', 'escalated'] as const;
export type NoticeStep = (typeof NOTICE_STEPS)[number];

/**
 * The claim that a notice went: one row per action, step and due date, unique, inserted by the
 * job before it enqueues the notice in the same transaction. However often the job runs, and
 * however many instances race, only one insert succeeds. A moved due date arms the steps again.
 */
@Entity('action_notices')
@Index(['actionId', 'step', 'dueOn'], { unique: true })
export class ActionNotice {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey('actions', { onDelete: 'CASCADE' })
  @Column({ type: 'integer' })
  actionId: number;

  @Column({ type: 'varchar', length: 20 })
  step: NoticeStep;

  /** The due date the notice was about. */
  @Column({ type: 'varchar', length: 10 })
  dueOn: string;

  /** The job's day (Europe/London) when it went. */
  @Column({ type: 'varchar', length: 10 })
  sentOn: string;

  @CreatedAtColumn()
  createdAt: string;
}
