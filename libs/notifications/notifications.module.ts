import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { featureEntities } from '../persistence/index.js';
import { Notification } from './notification.entity.js';
import { NotificationInbox } from './notification-inbox.service.js';
import { NOTIFICATION_SENDER_PROVIDER } from './notification-senders.js';
import { NotificationsController } from './notifications.controller.js';
import { OutboxDeliveryTimer } from './outbox-delivery-timer.js';
import { OutboxService } from './outbox.service.js';
import { NotificationsPageController } from './pages/notifications.page-controller.js';
import { UnreadCountInterceptor } from './pages/unread-count.interceptor.js';

const services = [OutboxService, NotificationInbox, OutboxDeliveryTimer];

@Module({
  imports: [featureEntities([Notification])],
  controllers: [NotificationsController, NotificationsPageController],
  providers: [
    ...services,
    NOTIFICATION_SENDER_PROVIDER,
    { provide: APP_INTERCEPTOR, useClass: UnreadCountInterceptor },
  ],
  exports: services,
})
export class NotificationsModule {}
