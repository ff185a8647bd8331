import nodemailer from 'nodemailer';
import { type EmailTransport, transportFailure } from './email-sender.js';
import type { NotificationEmail } from './notification-email.js';

/**
 * E-mail through the council's SMTP relay (nodemailer). Short time-outs: a relay that hangs makes
 * the outbox try again later rather than hold up the request that delivered after its commit.
 */
export class SmtpTransport implements EmailTransport {
  private readonly transporter;

  constructor(url: string, from: string) {
    this.transporter = nodemailer.createTransport(
      { url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 },
      { from },
    );
  }

  async send(to: string, email: NotificationEmail, reference: string): Promise<void> {
    try {
      await this.transporter.sendMail({
        to,
        subject: email.subject,
        text: email.text,
        headers: { 'X-Case-Audit-Reference': reference },
      });
    } catch (error) {
      throw transportFailure('the SMTP server', error);
    }
  }

  close(): void {
    this.transporter.close();
  }
}
