/**
 * How notifications leave the app besides its own notifications page, chosen by configuration:
 * GOV.UK Notify when NOTIFY_API_KEY is set, else SMTP when SMTP_URL is set, else nowhere (the
 * sender only logs). The notifications page is always the delivery of record.
 */
export type SenderChoice =
  | { kind: 'notify'; apiKey: string; templateId: string; baseUrl: string | null }
  | { kind: 'smtp'; url: string; from: string }
  | { kind: 'app-only' };

export const DEFAULT_SMTP_FROM = 'case-audit@localhost';

/** A half-done set-up fails the start, naming the variable, rather than dropping e-mail unseen. */
export function senderChoice(env: NodeJS.ProcessEnv = process.env): SenderChoice {
  const value = (name: string) => env[name]?.trim() || null;
  const apiKey = value('NOTIFY_API_KEY');
  if (apiKey) {
    const templateId = value('NOTIFY_TEMPLATE_ID');
    if (!templateId)
      throw new Error('NOTIFY_API_KEY is set but NOTIFY_TEMPLATE_ID is not: set the e-mail template id');
    const baseUrl = value('NOTIFY_BASE_URL');
    if (baseUrl && !/^https?:\/\//.test(baseUrl))
      throw new Error('NOTIFY_BASE_URL must be an http(s) address');
    return { kind: 'notify', apiKey, templateId, baseUrl };
  }
  const url = value('SMTP_URL');
  if (url) {
    if (!/^smtps?:\/\//.test(url)) throw new Error('SMTP_URL must start smtp:// or smtps://');
    return { kind: 'smtp', url, from: value('SMTP_FROM') ?? DEFAULT_SMTP_FROM };
  }
  return { kind: 'app-only' };
}
