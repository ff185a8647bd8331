// Notifications' one door: the outbox other features enqueue to, the sender seam, the delivery
// timer the API starts, and a person's own notifications.
export { NOTIFICATION_SENDER, type NotificationSender } from './notification-sender.js';
export { NotificationsModule } from './notifications.module.js';
export { type NewNotification, OutboxService } from './outbox.service.js';
export { deliveryIntervalMs, OutboxDeliveryTimer } from './outbox-delivery-timer.js';
export { type InboxItem, type InboxPage, NotificationInbox } from './notification-inbox.service.js';
export { notificationMessage, type NotificationMessage } from './notification-message.js';
