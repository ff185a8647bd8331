import { DEFAULT_SMTP_FROM, senderChoice } from './sender-choice.js';

describe('the sender the configuration chooses', () => {
  it.each([
    ['nothing set: the app only', {}, { kind: 'app-only' }],
    ['blank values count as unset', { NOTIFY_API_KEY: ' ', SMTP_URL: '' }, { kind: 'app-only' }],
    [
      'SMTP, with the default from address',
      { SMTP_URL: 'smtp://mail.example:25' },
      { kind: 'smtp', url: 'smtp://mail.example:25', from: DEFAULT_SMTP_FROM },
    ],
    [
      'SMTP with its from address',
      { SMTP_URL: 'smtps://u:p@mail.example', SMTP_FROM: 'audit@council.example' },
      { kind: 'smtp', url: 'smtps://u:p@mail.example', from: 'audit@council.example' },
    ],
    [
      'Notify before SMTP when both are set',
      { NOTIFY_API_KEY: 'key', NOTIFY_TEMPLATE_ID: 'tpl', SMTP_URL: 'smtp://x' },
      { kind: 'notify', apiKey: 'key', templateId: 'tpl', baseUrl: null },
    ],
    [
      'Notify at a stand-in address',
      { NOTIFY_API_KEY: 'key', NOTIFY_TEMPLATE_ID: 'tpl', NOTIFY_BASE_URL: 'http://127.0.0.1:9' },
      { kind: 'notify', apiKey: 'key', templateId: 'tpl', baseUrl: 'http://127.0.0.1:9' },
    ],
  ])('%s', (_name, env, choice) => {
    expect(senderChoice(env)).toEqual(choice);
  });

  it.each([
    [{ NOTIFY_API_KEY: 'key' }, /NOTIFY_TEMPLATE_ID/],
    [{ NOTIFY_API_KEY: 'key', NOTIFY_TEMPLATE_ID: 't', NOTIFY_BASE_URL: 'ftp://x' }, /NOTIFY_BASE_URL/],
    [{ SMTP_URL: 'mail.example:25' }, /SMTP_URL/],
  ])('refuses a half-done set-up %p, naming the variable', (env, message) => {
    expect(() => senderChoice(env)).toThrow(message);
  });
});
