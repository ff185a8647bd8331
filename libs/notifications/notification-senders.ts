import type { Provider } from '@nestjs/common';
import { Db } from '../persistence/index.js';
import { EmailNotificationSender } from './email-sender.js';
import { publicBaseUrl } from './notification-email.js';
import {
  LoggingNotificationSender,
  NOTIFICATION_SENDER,
  type NotificationSender,
} from './notification-sender.js';
import { NotifyTransport } from './notify-transport.js';
import { type SenderChoice, senderChoice } from './sender-choice.js';
import { SmtpTransport } from './smtp-transport.js';

export function senderFor(choice: SenderChoice, db: Db): NotificationSender {
  switch (choice.kind) {
    case 'notify':
      return new EmailNotificationSender(
        db,
        new NotifyTransport(choice.apiKey, choice.templateId, choice.baseUrl),
        publicBaseUrl(),
      );
    case 'smtp':
      return new EmailNotificationSender(db, new SmtpTransport(choice.url, choice.from), publicBaseUrl());
    case 'app-only':
      return new LoggingNotificationSender();
  }
}

/** The sender the environment chooses, read when the app starts (see senderChoice). */
export const NOTIFICATION_SENDER_PROVIDER: Provider = {
  provide: NOTIFICATION_SENDER,
  inject: [Db],
  useFactory: (db: Db) => senderFor(senderChoice(), db),
};
