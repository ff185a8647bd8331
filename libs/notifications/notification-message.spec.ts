import { notificationMessage } from './notification-message.js';

describe('a notification in words and a link', () => {
  it.each([
    [
      'an escalation: its own sentence, without the case, to the escalation',
      'escalation',
      { escalationId: 7, auditId: 3, caseRef: 'CP-1' },
      'Escalation from the audit of case CP-1: acknowledge it',
      'An audit found unsafe practice and it has been escalated to you: acknowledge it',
      '/escalations/7',
    ],
    [
      'a moderation: to the moderation form',
      'moderation',
      { auditId: 12, caseRef: 'CIN-9' },
      'Audit 12 (CIN-9) is ready for moderation',
      'An audit is ready for you to moderate',
      '/moderation/12',
    ],
    [
      'an escalation without its id: no link',
      'escalation',
      { caseRef: 'CP-1' },
      'x',
      'An audit found unsafe practice and it has been escalated to you: acknowledge it',
      null,
    ],
    [
      'another kind: its subject, to its path',
      'action-overdue',
      { actionId: 12, path: '/actions/12' },
      'An action you own is overdue',
      'An action you own is overdue',
      '/actions/12',
    ],
    [
      'another kind: the case reference the payload names is taken out',
      'action-reminder',
      { path: '/actions/4', caseRef: 'CP-77' },
      'An action on case CP-77 is due in 7 days',
      'An action on a case is due in 7 days',
      '/actions/4',
    ],
    [
      'a full address is not a path in this app',
      'action-reminder',
      { path: 'https://example.org/actions/4' },
      'Due soon',
      'Due soon',
      null,
    ],
    ['nor is //host', 'action-reminder', { path: '//example.org/x' }, 'Due soon', 'Due soon', null],
    ['nor a path with spaces or quotes', 'x', { path: '/a b"' }, 'Due', 'Due', null],
    [
      'a bare case reference too, and a name, each time',
      'x',
      { path: '/a', caseRef: 'CP-7', childName: 'Sam Smith' },
      'CP-7 and Sam Smith: see CP-7',
      'a case and a case: see a case',
      '/a',
    ],
    ['nor a path that is not text', 'x', { path: 12 }, 'Due', 'Due', null],
    ['a query is kept', 'x', { path: '/audits/5?tab=actions' }, 'Due', 'Due', '/audits/5?tab=actions'],
  ])('%s', (_name, kind, payload, subject, sentence, path) => {
    expect(notificationMessage(kind, payload, subject)).toEqual({ sentence, path });
  });
});
