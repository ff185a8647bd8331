import { Module } from '@nestjs/common';
import { LoggingNotificationSender, NOTIFICATION_SENDER } from './notification-sender.js';
import { OutboxService } from './outbox.service.js';

@Module({
  providers: [OutboxService, { provide: NOTIFICATION_SENDER, useClass: LoggingNotificationSender }],
  exports: [OutboxService],
})
export class NotificationsModule {}
