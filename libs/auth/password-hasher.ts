import { Injectable } from '@nestjs/common';
import { hashPassword, verifyPassword } from '../org/index.js';

export { hashPassword };

/**
 * The one place logins check passwords (org hashes them when it creates users, with the same
 * argon2id settings in libs/org/password.ts). An injectable class rather than bare argon2 calls
 * so that a test can count the verifications a login makes (an unknown username must cost one,
 * like a wrong password).
 */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return hashPassword(password);
  }

  verify(hash: string, password: string): Promise<boolean> {
    return verifyPassword(hash, password);
  }
}
