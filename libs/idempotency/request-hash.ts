import { createHash } from 'node:crypto';

/** The form fields that travel with every post and say nothing about what it asks for. */
const PLUMBING_FIELDS = new Set(['_csrf', '_formToken']);
/**
 * Secrets are kept out of the stored hash and the stored answer alike: an unsalted hash of a
 * body would let a weak password be guessed, and an answer would keep a made-up one for a day.
 */
export const SECRET_FIELDS = new Set(['password', 'generatedPassword', 'token']);

/** A JSON answer as it may be stored: its top-level secrets left out. */
export function withoutSecrets(body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([k]) => !SECRET_FIELDS.has(k)));
}

export interface HashedRequest {
  method: string;
  /** The path and query the request was sent to. */
  url: string;
  body: unknown;
  /** Uploaded files (multipart), by field name and content. */
  files?: { fieldname: string; originalname: string; buffer: Buffer }[];
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * What makes two requests "the same" for a replayed key: the method, the address and the body,
 * with object keys sorted so that `{a,b}` and `{b,a}` match, and files by their content.
 */
export function requestHash(request: HashedRequest): string {
  const body = isPlainObject(request.body)
    ? Object.fromEntries(
        Object.entries(request.body).filter(([k]) => !PLUMBING_FIELDS.has(k) && !SECRET_FIELDS.has(k)),
      )
    : request.body;
  const files = (request.files ?? []).map((f) => [f.fieldname, f.originalname, sha256(f.buffer)]);
  return sha256(
    `${request.method.toUpperCase()} ${request.url}\n${canonicalJson(body)}\n${canonicalJson(files)}`,
  );
}

/** JSON with every object's keys in order; `undefined` (no body) is `null`. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);
}
