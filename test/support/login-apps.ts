import { LOGIN_LIMITS, type LoginLimits } from '../../libs/auth/login-limits.js';
import { PasswordHasher } from '../../libs/auth/password-hasher.js';
import type { FixedClock } from '../../libs/clock/index.js';
import { newUser, Role, startTestApp, type TestApp } from './test-app.js';

/** The real argon2 hasher, recording which hashes each login verifies against. */
export class CountingHasher extends PasswordHasher {
  readonly verified: string[] = [];

  override verify(hash: string, password: string): Promise<boolean> {
    this.verified.push(hash);
    return super.verify(hash, password);
  }
}

/**
 * Two app instances on one database with the given login limits and hasher, as two servers
 * behind a council's load balancer: the limits must hold across both. The usernames are
 * administrators with TEST_PASSWORD.
 */
export async function startLoginApps(
  databaseUrl: string,
  options: { clock: FixedClock; limits: LoginLimits; hasher: CountingHasher; usernames: readonly string[] },
): Promise<[TestApp, TestApp]> {
  const start = () =>
    startTestApp(databaseUrl, {
      clock: options.clock,
      override: (builder) =>
        builder
          .overrideProvider(LOGIN_LIMITS)
          .useValue(options.limits)
          .overrideProvider(PasswordHasher)
          .useValue(options.hasher),
    });
  const a = await start();
  const b = await start();
  for (const username of options.usernames) await newUser(a.db, { username, role: Role.Administrator });
  return [a, b];
}
