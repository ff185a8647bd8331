import { Module } from '@nestjs/common';
import { LoggingNotificationSender, NOTIFICATION_SENDER } from './notification-sender.js';
import { OutboxService } from './outbox.service.js';
import { featureEntities } from '../persistence/index.js';
import { Notification } from './notification.entity.js';

@Module({
  imports: [featureEntities([Notification])],
  providers: [OutboxService, { provide: NOTIFICATION_SENDER, useClass: LoggingNotificationSender }],
  exports: [OutboxService],
})
export class NotificationsModule {}
