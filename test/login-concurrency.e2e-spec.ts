import type { LoginLimits } from '../libs/auth/login-limits.js';
import { FixedClock } from '../libs/clock/index.js';
import { testEngines } from './support/engines.js';
import { CountingHasher, startLoginApps } from './support/login-apps.js';
import { TEST_PASSWORD, type TestApp } from './support/test-app.js';

const MINUTE = 60_000;
// The default per-username limit; a small per-address one, so that the office case stays quick.
const LIMITS: LoginLimits = {
  maxFailures: 5,
  maxFailuresPerAddress: 10,
  windowMinutes: 15,
  lockoutMinutes: 15,
};

const engines = await testEngines('login-concurrency');

describe.each(engines)(
  'login limits under concurrency (HTTP, %s, two app instances)',
  (_engine, databaseUrl) => {
    const clock = new FixedClock('2026-12-01T09:00:00Z');
    const hasher = new CountingHasher();
    let a: TestApp;
    let b: TestApp;

    beforeAll(async () => {
      [a, b] = await startLoginApps(databaseUrl(), {
        clock,
        limits: LIMITS,
        hasher,
        usernames: ['target', 'director', 'newcomer', 'busy'],
      });
    });

    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    // Each test starts after every window and lock of the one before has run out.
    beforeEach(() => clock.advance(60 * MINUTE));

    const login = (app: TestApp, username: string, password: string) =>
      app.http().post('/api/v1/auth/login').send({ username, password });
    const statuses = (responses: { status: number }[]) =>
      responses.reduce<Record<number, number>>((n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }), {});

    it('checks no more than the limit of 30 wrong passwords for one username sent at once', async () => {
      hasher.verified.length = 0;
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => login(i % 2 ? b : a, 'target', `wrong-${i}`)),
      );
      expect(statuses(responses)).toEqual({ 401: LIMITS.maxFailures, 429: 30 - LIMITS.maxFailures });
      expect(hasher.verified).toHaveLength(LIMITS.maxFailures);
      for (const refused of responses.filter((r) => r.status === 429))
        expect(Number(refused.headers['retry-after'])).toBe(LIMITS.lockoutMinutes * 60);
      // The lock holds afterwards too, against the right password.
      await login(a, 'target', TEST_PASSWORD).expect(429);
      expect(hasher.verified).toHaveLength(LIMITS.maxFailures);
    });

    it('lets the right password in from both instances at once, and gives the places back', async () => {
      for (let round = 0; round < 3; round++) {
        const responses = await Promise.all(
          Array.from({ length: LIMITS.maxFailures }, (_, i) => login(i % 2 ? b : a, 'busy', TEST_PASSWORD)),
        );
        expect(statuses(responses)).toEqual({ 200: LIMITS.maxFailures });
      }
    });

    it('checks no more than the per-address limit of guesses at many usernames sent at once', async () => {
      hasher.verified.length = 0;
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => login(i % 2 ? b : a, `guess-${i}`, 'wrong')),
      );
      expect(statuses(responses)).toEqual({
        401: LIMITS.maxFailuresPerAddress,
        429: 30 - LIMITS.maxFailuresPerAddress,
      });
      expect(hasher.verified).toHaveLength(LIMITS.maxFailuresPerAddress);
    });

    it('does not refuse the director’s right password when others lock the office’s address', async () => {
      // The director signed in from the office before (the address is the same socket here).
      await login(a, 'director', TEST_PASSWORD).expect(200);
      clock.advance(60 * MINUTE);
      const guesses = await Promise.all(
        Array.from({ length: 3 * LIMITS.maxFailuresPerAddress }, (_, i) =>
          login(b, `colleague-${i}`, 'wrong'),
        ),
      );
      expect(statuses(guesses)[429]).toBeGreaterThan(0);
      await login(a, 'director', TEST_PASSWORD).expect(200);
      await login(b, 'director', TEST_PASSWORD).expect(200);
      // Someone never seen here waits for the address's lock: the guesses were spread over usernames.
      await login(a, 'newcomer', TEST_PASSWORD).expect(429);
      // The director's own count still holds: a known address does not lift the per-username limit.
      for (let i = 0; i < LIMITS.maxFailures; i++) await login(a, 'director', 'wrong').expect(401);
      await login(a, 'director', TEST_PASSWORD).expect(429);
    });
  },
);
