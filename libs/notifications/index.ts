// Notifications' one door: the outbox other features enqueue to, and the sender seam.
export { NOTIFICATION_SENDER, type NotificationSender } from './notification-sender.js';
export { NotificationsModule } from './notifications.module.js';
export { type NewNotification, OutboxService } from './outbox.service.js';
