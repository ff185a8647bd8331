import notifyClient from 'notifications-node-client';
import { type EmailTransport, transportFailure } from './email-sender.js';
import type { NotificationEmail } from './notification-email.js';

/**
 * E-mail through GOV.UK Notify. The council's template shows the personalisation `((subject))`,
 * `((body))` and `((link))`; the reference lets Notify's records be matched to the outbox row.
 */
export class NotifyTransport implements EmailTransport {
  private readonly client: InstanceType<typeof notifyClient.NotifyClient>;

  constructor(
    apiKey: string,
    private readonly templateId: string,
    baseUrl: string | null,
  ) {
    // Two arguments point the client at another address (a test's stand-in); one, at Notify.
    this.client = baseUrl
      ? new notifyClient.NotifyClient(baseUrl, apiKey)
      : new notifyClient.NotifyClient(apiKey);
  }

  async send(to: string, email: NotificationEmail, reference: string): Promise<void> {
    try {
      await this.client.sendEmail(this.templateId, to, {
        personalisation: { subject: email.subject, body: email.sentence, link: email.link },
        reference,
      });
    } catch (error) {
      throw transportFailure('GOV.UK Notify', error);
    }
  }
}
