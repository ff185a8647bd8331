import { randomBytes } from 'node:crypto';

/** Shorter than this, a secret could be guessed: refuse it at start rather than sign with it. */
const MIN_SECRET_LENGTH = 32;

let secret: Buffer | undefined;

/**
 * The server's own secret, for signing what a browser holds before it has a session (the sign-in
 * form's CSRF token). SESSION_SECRET sets it; unset, each process makes its own at start, which is
 * enough for one instance (a restart only expires the sign-in forms already open). Several
 * instances behind one address must share it.
 */
export function serverSecret(value = process.env.SESSION_SECRET): Buffer {
  if (secret) return secret;
  const given = value?.trim() ?? '';
  if (given !== '' && given.length < MIN_SECRET_LENGTH) {
    throw new Error(`SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  secret = given === '' ? randomBytes(32) : Buffer.from(given, 'utf8');
  return secret;
}
