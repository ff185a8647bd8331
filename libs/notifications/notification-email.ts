import { notificationMessage, type NotificationPayload } from './notification-message.js';

export const DEFAULT_PUBLIC_BASE_URL = 'http://localhost:3000';

/** The e-mail a notification becomes: what happened and a link, nothing about the child. */
export interface NotificationEmail {
  subject: string;
  /** What happened, in one sentence without the child's details. */
  sentence: string;
  /** The address of the thing in the app (or of the notifications page when it has none). */
  link: string;
  text: string;
}

/** The app's public address without a trailing slash; the default when unset or not http(s). */
export function publicBaseUrl(value = process.env.PUBLIC_BASE_URL): string {
  const url = value?.trim() ?? '';
  return /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(url) ? url.replace(/\/+$/, '') : DEFAULT_PUBLIC_BASE_URL;
}

/**
 * The e-mail for a notification. Only the sentence (from its kind, never the stored subject when
 * that names a case) and the link go out: whoever reads the e-mail signs in to see more.
 */
export function notificationEmail(
  notification: { kind: string; subject: string; payload: NotificationPayload },
  baseUrl: string,
): NotificationEmail {
  const { sentence, path } = notificationMessage(
    notification.kind,
    notification.payload,
    notification.subject,
  );
  const link = `${baseUrl}${path ?? '/notifications'}`;
  return {
    subject: `Monthly case audit: ${sentence}`,
    sentence,
    link,
    text: [
      sentence,
      '',
      `See it in the monthly case audit (you will be asked to sign in): ${link}`,
      '',
      'Your notifications are also on the notifications page in the app.',
    ].join('\n'),
  };
}
