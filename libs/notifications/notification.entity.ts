import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The outbox: a notification is written in the same transaction as the event that causes it,
 * then delivered after commit, so none is sent for a change that rolled back or lost if the
 * sender fails. Payloads carry ids and a case reference, never a child's details.
 */
@Entity('notifications')
@Index(['sentAt'])
export class Notification {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'integer' })
  recipientId: number;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'simple-json' })
  payload: Record<string, string | number | boolean | null>;

  @Column({ type: 'varchar', length: 30, nullable: true })
  sentAt: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  lastError: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
