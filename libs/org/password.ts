import * as argon2 from 'argon2';

/** Users' passwords are kept as argon2id hashes; org creates users, auth checks logins. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password);
}
