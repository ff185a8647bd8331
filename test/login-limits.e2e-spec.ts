import type { LoginLimits } from '../libs/auth/login-limits.js';
import { FixedClock } from '../libs/clock/index.js';
import { testEngines } from './support/engines.js';
import { CountingHasher, startLoginApps } from './support/login-apps.js';
import { TEST_PASSWORD, type TestApp } from './support/test-app.js';

const MINUTE = 60_000;
// Small limits: each failure costs a real argon2 verification.
const LIMITS: LoginLimits = {
  maxFailures: 2,
  maxFailuresPerAddress: 7,
  windowMinutes: 15,
  lockoutMinutes: 10,
};

const engines = await testEngines('login-limits');

describe.each(engines)(
  'login limits (HTTP, %s, two app instances on one database)',
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
        usernames: ['alice', 'bob', 'carol', 'dave', 'erin'],
      });
    });

    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    // Each test starts after every window and lock of the one before has run out.
    beforeEach(() => clock.advance(60 * MINUTE));

    const login = (app: TestApp, username: string, password: string, forwardedFor?: string) => {
      const call = app.http().post('/api/v1/auth/login');
      if (forwardedFor) call.set('X-Forwarded-For', forwardedFor);
      return call.send({ username, password });
    };
    const comparable = (r: Awaited<ReturnType<typeof login>>) => {
      const { correlationId: _c, ...body } = r.body as Record<string, unknown>;
      return { status: r.status, type: r.type, retryAfter: r.headers['retry-after'], body };
    };

    it('locks a username after repeated failures, even against the right password, until the lock ends', async () => {
      for (let i = 0; i < LIMITS.maxFailures; i++) await login(a, 'alice', 'wrong').expect(401);
      const locked = await login(a, 'alice', 'wrong');
      expect(locked.status).toBe(429);
      expect(locked.headers['retry-after']).toBe(String(LIMITS.lockoutMinutes * 60));
      expect(locked.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });

      clock.advance(4 * MINUTE);
      const rightPassword = await login(a, 'alice', TEST_PASSWORD);
      expect(rightPassword.status).toBe(429);
      expect(rightPassword.headers['retry-after']).toBe(String((LIMITS.lockoutMinutes - 4) * 60));
      expect(rightPassword.body.token).toBeUndefined();

      clock.advance((LIMITS.lockoutMinutes - 4) * MINUTE);
      const after = await login(a, 'alice', TEST_PASSWORD).expect(200);
      expect(after.body.token).toEqual(expect.any(String));
      // Another user from the same address was never locked.
      await login(a, 'bob', TEST_PASSWORD).expect(200);
    });

    it('shares the count between two app instances on one database', async () => {
      for (let i = 0; i < LIMITS.maxFailures; i++) await login(i % 2 ? b : a, 'bob', 'wrong').expect(401);
      const onB = await login(b, 'bob', TEST_PASSWORD);
      expect(onB.status).toBe(429);
      expect(comparable(await login(a, 'bob', TEST_PASSWORD))).toEqual(comparable(onB));
    });

    it('resets the username’s count on a successful login', async () => {
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < LIMITS.maxFailures - 1; i++) await login(b, 'carol', 'wrong').expect(401);
        await login(b, 'carol', TEST_PASSWORD).expect(200);
      }
    });

    it('answers an unknown username exactly as a wrong password, lock included', async () => {
      for (let i = 0; i < LIMITS.maxFailures; i++) {
        const unknown = await login(a, 'nobody', 'wrong');
        expect(unknown.status).toBe(401);
        expect(comparable(unknown)).toEqual(comparable(await login(a, 'dave', 'wrong')));
      }
      const lockedUnknown = await login(a, 'nobody', 'wrong');
      expect(lockedUnknown.status).toBe(429);
      expect(comparable(lockedUnknown)).toEqual(comparable(await login(a, 'dave', 'wrong')));
    });

    it('verifies an unknown username against a dummy argon2 hash, as it would a real one', async () => {
      hasher.verified.length = 0;
      await login(b, 'nobody-at-all', 'wrong').expect(401);
      await login(b, 'someone-else', 'wrong').expect(401);
      await login(b, 'carol', 'wrong').expect(401);
      expect(hasher.verified).toHaveLength(3);
      const [dummy, sameDummy, real] = hasher.verified;
      expect(dummy).toMatch(/^\$argon2id\$/);
      expect(sameDummy).toBe(dummy); // made once, not per request
      expect(real).toMatch(/^\$argon2id\$/);
      expect(real).not.toBe(dummy);
      // The dummy has the real hash's cost parameters, so the verification takes as long.
      expect(dummy.split('$').slice(0, 4)).toEqual(real.split('$').slice(0, 4));
    });

    it('limits failures per client address, whatever X-Forwarded-For claims (TRUST_PROXY unset)', async () => {
      await login(b, 'alice', TEST_PASSWORD, '192.0.2.1').expect(200);
      for (let i = 0; i < LIMITS.maxFailuresPerAddress; i++) {
        await login(a, `guess-${i}`, 'wrong', `203.0.113.${i}`).expect(401);
      }
      // erin has never signed in from this address: its lock holds her back.
      const refused = await login(a, 'erin', TEST_PASSWORD, '198.51.100.7');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBe(LIMITS.lockoutMinutes * 60);
      // alice signed in from this socket before: the address's lock is not hers.
      await login(b, 'alice', TEST_PASSWORD, '198.51.100.7').expect(200);
    });
  },
);
