import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/**
 * The one place passwords are hashed and checked. An injectable class rather than bare argon2
 * calls so that a test can count the verifications a login makes (an unknown username must cost
 * one, like a wrong password).
 */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return hashPassword(password);
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  }
}
