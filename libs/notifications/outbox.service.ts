import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../clock/index.js';
import { type EntityManager, In } from 'typeorm';
import { bulkInsert, Db } from '../persistence/index.js';
import { Notification } from './notification.entity.js';
import { NOTIFICATION_SENDER, type NotificationSender } from './notification-sender.js';
import { anyDueNotification, claimDueNotifications, OUTBOX_POLICY, retryAt } from './outbox-claim.js';

export interface NewNotification {
  kind: string;
  recipientId: number;
  subject: string;
  payload: Record<string, string | number | boolean | null>;
}

/**
 * Notifications go into the outbox inside the transaction that causes them and are delivered
 * after it commits. Delivery claims due rows in SQL (see outbox-claim.ts), so rows that have
 * used up their attempts never crowd out new ones, and two workers never send one twice.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    private readonly db: Db,
    @Inject(NOTIFICATION_SENDER) private readonly sender: NotificationSender,
    private readonly clock: Clock,
  ) {}

  async enqueue(m: EntityManager, notifications: readonly NewNotification[]): Promise<void> {
    const due = this.clock.nowIso();
    if (notifications.length)
      await m.insert(
        Notification,
        notifications.map((n) => ({ ...n, attempts: 0, nextAttemptAt: due })),
      );
  }

  /**
   * The same, for a job that queues thousands at once (the overdue job): one bulk insert per
   * thousand rows, without the ORM reading every inserted row back (which SQLite also refuses
   * beyond a thousand rows or so: "Expression tree is too large").
   */
  async enqueueMany(m: EntityManager, notifications: readonly NewNotification[]): Promise<void> {
    if (notifications.length === 0) return;
    const now = this.clock.nowIso();
    if (m.connection.options.type === 'postgres') {
      // One array per column: PostgreSQL parses and plans one small statement, where a VALUES
      // list of thousands of parameters cost more than inserting the rows (bench/actions).
      await m.query(
        `INSERT INTO notifications (kind, recipient_id, subject, payload, attempts, next_attempt_at, created_at)
         SELECT kind, recipient_id, subject, payload, 0, $5, $5
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS x(kind, recipient_id, subject, payload)`,
        [
          notifications.map((n) => n.kind),
          notifications.map((n) => n.recipientId),
          notifications.map((n) => n.subject),
          notifications.map((n) => JSON.stringify(n.payload)),
          now,
        ],
      );
      return;
    }
    await bulkInsert(
      m,
      'notifications',
      ['kind', 'recipient_id', 'subject', 'payload', 'attempts', 'next_attempt_at', 'created_at'],
      notifications.map((n) => [n.kind, n.recipientId, n.subject, JSON.stringify(n.payload), 0, now, now]),
    );
  }

  /** Sends what is due; returns how many went. Safe to call at any time, from any number of workers. */
  async deliverPending(): Promise<number> {
    // Called after every submit: most find nothing due, and a read costs less than a claim.
    if (!(await this.db.read((m) => anyDueNotification(m, this.clock.now())))) return 0;
    let sent = 0;
    for (let round = 0; round < OUTBOX_POLICY.maxBatches; round++) {
      const claimed = await this.claim();
      for (const notification of claimed) if (await this.deliver(notification)) sent++;
      if (claimed.length < OUTBOX_POLICY.batchSize) break;
    }
    return sent;
  }

  forRecipient(recipientId: number) {
    return this.db.read((m) =>
      m.find(Notification, { where: { recipientId }, order: { id: 'DESC' }, take: 50 }),
    );
  }

  /** One short transaction: pick the due rows and lease them, so no other worker takes them. */
  private claim(): Promise<Notification[]> {
    return this.db.transaction(async (m) => {
      const ids = await claimDueNotifications(m, this.clock.now());
      return ids.length ? m.find(Notification, { where: { id: In(ids) }, order: { id: 'ASC' } }) : [];
    });
  }

  private async deliver(notification: Notification): Promise<boolean> {
    try {
      await this.sender.send(notification);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const last = notification.attempts >= OUTBOX_POLICY.maxAttempts;
      this.logger.warn(
        `notification ${notification.id} not delivered (attempt ${notification.attempts}${last ? ', giving up' : ''}): ${reason}`,
      );
      await this.db.transaction((m) =>
        m.update(
          Notification,
          { id: notification.id },
          {
            lastError: reason.slice(0, 300),
            nextAttemptAt: retryAt(this.clock.now(), notification.attempts),
          },
        ),
      );
      return false;
    }
    await this.db.transaction((m) =>
      m.update(Notification, { id: notification.id }, { sentAt: this.clock.nowIso(), lastError: null }),
    );
    return true;
  }
}
