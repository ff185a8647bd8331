import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../persistence/index.js';

/**
 * The outbox: a notification is written in the same transaction as the event that causes it,
 * then delivered after commit, so none is sent for a change that rolled back or lost if the
 * sender fails. Payloads carry ids and a case reference, never a child's details.
 */
@Entity('notifications')
// Delivery claims by (unsent, due); a person's notifications are read by recipient and state,
// and the header counts their unread ones on every page.
@Index(['sentAt', 'nextAttemptAt'])
@Index(['recipientId', 'sentAt'])
@Index(['recipientId', 'readAt'])
export class Notification {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @ForeignKey('users', { onDelete: 'CASCADE' })
  @Column({ type: 'integer' })
  recipientId: number;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'simple-json' })
  payload: Record<string, string | number | boolean | null>;

  @Column({ type: 'varchar', length: 30, nullable: true })
  sentAt: string | null;

  /** Claimed sends, failed or not; at OUTBOX_POLICY.maxAttempts the outbox stops trying. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** When a send is next due: a claim moves it past a lease, a failure past the back-off. */
  @Column({ type: 'varchar', length: 30 })
  nextAttemptAt: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  lastError: string | null;

  /** When the recipient read it in the app (opened it, or marked all read); null while unread. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  readAt: string | null;

  @CreatedAtColumn()
  createdAt: string;
}
