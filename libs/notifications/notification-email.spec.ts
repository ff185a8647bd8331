import { DEFAULT_PUBLIC_BASE_URL, notificationEmail, publicBaseUrl } from './notification-email.js';

describe('the e-mail a notification becomes', () => {
  it('says what happened and links to it, without the case reference', () => {
    const email = notificationEmail(
      {
        kind: 'escalation',
        subject: 'Escalation from the audit of case CP-1: acknowledge it',
        payload: { escalationId: 4, auditId: 2, caseRef: 'CP-1' },
      },
      'https://audit.example.gov.uk',
    );
    expect(email.link).toBe('https://audit.example.gov.uk/escalations/4');
    expect(email.subject).toBe(
      'Monthly case audit: An audit found unsafe practice and it has been escalated to you: acknowledge it',
    );
    expect(email.text).toContain(email.link);
    expect(`${email.subject} ${email.text}`).not.toContain('CP-1');
  });

  it('links to the notifications page when the notification names no page', () => {
    const email = notificationEmail({ kind: 'other', subject: 'Something', payload: {} }, 'http://x.test');
    expect(email.link).toBe('http://x.test/notifications');
  });

  it.each([
    [undefined, DEFAULT_PUBLIC_BASE_URL],
    ['', DEFAULT_PUBLIC_BASE_URL],
    ['https://audit.example.gov.uk/', 'https://audit.example.gov.uk'],
    ['https://council.example/audit', 'https://council.example/audit'],
    ['javascript:alert(1)', DEFAULT_PUBLIC_BASE_URL],
    ['audit.example.gov.uk', DEFAULT_PUBLIC_BASE_URL],
  ])('takes the public address %p as %p', (value, expected) => {
    expect(publicBaseUrl(value)).toBe(expected);
  });
});
