import { Logger } from '@nestjs/common';
import { emailAddressOf } from '../org/index.js';
import type { Db } from '../persistence/index.js';
import type { Notification } from './notification.entity.js';
import { type NotificationEmail, notificationEmail } from './notification-email.js';
import type { NotificationSender } from './notification-sender.js';

/** Hands one e-mail to a mail service; throws (with no address in the message) to be retried. */
export interface EmailTransport {
  send(to: string, email: NotificationEmail, reference: string): Promise<void>;
}

/**
 * E-mails a notification to its recipient's address, when they have one: a person without an
 * address (or deactivated) reads it in the app only, and that counts as delivered. A transport's
 * failure is thrown on, so the outbox tries again later and loses nothing.
 */
export class EmailNotificationSender implements NotificationSender {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly db: Db,
    private readonly transport: EmailTransport,
    private readonly baseUrl: string,
  ) {}

  async send(notification: Notification): Promise<void> {
    const address = await this.db.read((m) => emailAddressOf(m, notification.recipientId));
    if (!address) return;
    await this.transport.send(
      address,
      notificationEmail(notification, this.baseUrl),
      `notification-${notification.id}`,
    );
    this.logger.log(
      `${notification.kind} notification ${notification.id} e-mailed to user ${notification.recipientId}`,
    );
  }
}

/**
 * A mail service's error without the address or message text it may quote: the outbox stores and
 * logs it, and neither may hold personal data.
 */
export function transportFailure(service: string, error: unknown): Error {
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; response?: { status?: unknown } };
  const parts = [
    typeof e.code === 'string' && /^[A-Z_]{2,40}$/.test(e.code) ? e.code : null,
    typeof e.responseCode === 'number' ? `reply ${e.responseCode}` : null,
    typeof e.response?.status === 'number' ? `status ${e.response.status}` : null,
  ].filter(Boolean);
  return new Error(`${service} did not take the e-mail${parts.length ? ` (${parts.join(', ')})` : ''}`);
}
