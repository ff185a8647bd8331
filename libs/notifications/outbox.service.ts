import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { Db } from '../persistence/index.js';
import { Notification } from './notification.entity.js';
import { NOTIFICATION_SENDER, type NotificationSender } from './notification-sender.js';

export interface NewNotification {
  kind: string;
  recipientId: number;
  subject: string;
  payload: Record<string, string | number | boolean | null>;
}

const MAX_ATTEMPTS = 5;

/**
 * Notifications go into the outbox inside the transaction that causes them and are delivered
 * after it commits; a failed delivery stays pending and is retried on the next delivery run.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    private readonly db: Db,
    @Inject(NOTIFICATION_SENDER) private readonly sender: NotificationSender,
  ) {}

  async enqueue(m: EntityManager, notifications: readonly NewNotification[]): Promise<void> {
    if (notifications.length)
      await m.insert(
        Notification,
        notifications.map((n) => ({ ...n, attempts: 0 })),
      );
  }

  /** Sends what is pending; returns how many went. Safe to call at any time, from anywhere. */
  async deliverPending(): Promise<number> {
    const pending = await this.db.read((m) =>
      m.find(Notification, { where: { sentAt: IsNull() }, order: { id: 'ASC' }, take: 100 }),
    );
    let sent = 0;
    for (const notification of pending.filter((n) => n.attempts < MAX_ATTEMPTS)) {
      try {
        await this.sender.send(notification);
        await this.db.transaction((m) =>
          m.update(
            Notification,
            { id: notification.id },
            { sentAt: new Date().toISOString(), attempts: notification.attempts + 1 },
          ),
        );
        sent++;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn(`notification ${notification.id} not delivered: ${reason}`);
        await this.db.transaction((m) =>
          m.update(
            Notification,
            { id: notification.id },
            { attempts: notification.attempts + 1, lastError: reason.slice(0, 300) },
          ),
        );
      }
    }
    return sent;
  }

  forRecipient(recipientId: number) {
    return this.db.read((m) =>
      m.find(Notification, { where: { recipientId }, order: { id: 'DESC' }, take: 50 }),
    );
  }
}
