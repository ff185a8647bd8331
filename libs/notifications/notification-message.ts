/** What a notification's payload may carry: ids, a case reference, and for newer kinds its `path`. */
export type NotificationPayload = Record<string, string | number | boolean | null>;

/** What happened and where to see it: the sentence carries no child's details, so e-mail may carry it. */
export interface NotificationMessage {
  /** What happened, in words safe to send outside the app: no case reference, no child's name. */
  sentence: string;
  /** The page that shows the thing, a path in this app (`/actions/12`); null when there is none. */
  path: string | null;
}

/** Payload fields that identify a child: never put into an e-mail. */
const CHILD_DETAILS = ['caseRef', 'caseReference', 'childName', 'name'];

/** A path inside this app: one leading slash (never `//host`), no scheme, only URL-safe characters. */
const LOCAL_PATH = /^\/(?!\/)[A-Za-z0-9\-._~/?=&%]*$/;

const id = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;

/**
 * The kinds enqueued before payloads carried a path, whose subjects name the case: each has its
 * own sentence and its page from the ids in the payload.
 */
const KNOWN: Record<string, (payload: NotificationPayload) => NotificationMessage> = {
  escalation: (p) => ({
    sentence: 'An audit found unsafe practice and it has been escalated to you: acknowledge it',
    path: id(p.escalationId) ? `/escalations/${id(p.escalationId)}` : null,
  }),
  moderation: (p) => ({
    sentence: 'An audit is ready for you to moderate',
    path: id(p.auditId) ? `/moderation/${id(p.auditId)}` : null,
  }),
};

/**
 * A notification in words and a link, from its kind and payload. Other kinds say their subject
 * with any child's detail the payload names taken out, and link to `payload.path` when it is a
 * path in this app (a full address or `//host` is refused: a notification never sends anyone
 * off the site).
 */
export function notificationMessage(
  kind: string,
  payload: NotificationPayload,
  subject: string,
): NotificationMessage {
  const known = KNOWN[kind];
  if (known) return known(payload);
  const path = typeof payload.path === 'string' && LOCAL_PATH.test(payload.path) ? payload.path : null;
  return { sentence: withoutChildDetails(subject, payload), path };
}

function withoutChildDetails(subject: string, payload: NotificationPayload): string {
  let sentence = subject;
  for (const key of CHILD_DETAILS) {
    const value = payload[key];
    if (typeof value !== 'string' || value.trim().length === 0) continue;
    const escaped = value.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // "on case CP-77" reads "on a case", as does a bare "CP-77".
    sentence = sentence.replace(new RegExp(`(?:\\bcase\\s+)?${escaped}`, 'gi'), 'a case');
  }
  return sentence;
}
