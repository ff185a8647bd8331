import { Injectable, Logger } from '@nestjs/common';
import type { Notification } from './notification.entity.js';

/** Delivers one notification (e-mail, Teams, the case system's inbox…). Throw to retry later. */
export interface NotificationSender {
  send(notification: Notification): Promise<void>;
}

export const NOTIFICATION_SENDER = Symbol('NotificationSender');

/** The demo and default sender: logs that a notification went, by id and recipient id only. */
@Injectable()
export class LoggingNotificationSender implements NotificationSender {
  private readonly logger = new Logger('Notifications');

  async send(notification: Notification): Promise<void> {
    this.logger.log(
      `${notification.kind} notification ${notification.id} sent to user ${notification.recipientId}`,
    );
  }
}
