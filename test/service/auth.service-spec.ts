import { AuthService } from '../../libs/auth/auth.service.js';
import { DEFAULT_LOGIN_LIMITS } from '../../libs/auth/login-limits.js';
import { ErrorCode } from '../../libs/common/domain-error.js';
import { Role } from '../../libs/org/role.js';
import { newActor } from '../support/factories.js';
import { type ServiceTestModule, startServices } from '../support/service-module.js';
import { TEST_PASSWORD } from '../support/test-app.js';

let addresses = 0;
/** A client address of its own for each login, so the per-address limit never carries between tests. */
const nextAddress = () => `203.0.113.${++addresses}`;

describe('AuthService (service tier: real SQLite, no HTTP)', () => {
  let s: ServiceTestModule;
  let auth: AuthService;

  beforeAll(async () => {
    s = await startServices('auth');
    auth = s.app.get(AuthService);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('logs a user in with a token that then names them, until they log out', async () => {
    const user = await newActor(s.db, { role: Role.TeamManager });
    const session = await auth.login(user.username, TEST_PASSWORD, nextAddress());
    expect(session.user).toEqual(user);
    await expect(auth.userForToken(session.token)).resolves.toEqual(user);
    await auth.logout(session.token);
    await expect(auth.userForToken(session.token)).resolves.toBeNull();
  });

  it('gives a wrong password and an unknown username the same refusal', async () => {
    const user = await newActor(s.db, { role: Role.Iro });
    const [wrong, unknown] = await Promise.allSettled([
      auth.login(user.username, 'not-the-password', nextAddress()),
      auth.login('nobody-by-this-name', TEST_PASSWORD, nextAddress()),
    ]);
    expect(wrong).toMatchObject({ status: 'rejected', reason: { code: ErrorCode.Unauthenticated } });
    expect(unknown).toMatchObject({ status: 'rejected', reason: { code: ErrorCode.Unauthenticated } });
    expect((unknown as PromiseRejectedResult).reason.message).toBe(
      (wrong as PromiseRejectedResult).reason.message,
    );
  });

  it('refuses a deactivated user, and their existing sessions stop working', async () => {
    const user = await newActor(s.db, { role: Role.Moderator });
    const session = await auth.login(user.username, TEST_PASSWORD, nextAddress());
    await s.db.transaction((m) => m.update('users', { id: user.id }, { active: false }));
    await expect(auth.login(user.username, TEST_PASSWORD, nextAddress())).rejects.toMatchObject({
      code: ErrorCode.Unauthenticated,
    });
    await expect(auth.userForToken(session.token)).resolves.toBeNull();
  });

  it('locks a username after repeated failures, whatever the password, until the lockout ends', async () => {
    const user = await newActor(s.db, { role: Role.SeniorManager });
    for (let i = 0; i < DEFAULT_LOGIN_LIMITS.maxFailures; i++) {
      await expect(auth.login(user.username, 'not-the-password', nextAddress())).rejects.toMatchObject({
        code: ErrorCode.Unauthenticated,
      });
    }
    await expect(auth.login(user.username, TEST_PASSWORD, nextAddress())).rejects.toMatchObject({
      code: ErrorCode.TooManyRequests,
    });
    s.clock.advance((DEFAULT_LOGIN_LIMITS.lockoutMinutes + 1) * 60_000);
    await expect(auth.login(user.username, TEST_PASSWORD, nextAddress())).resolves.toMatchObject({
      user: { id: user.id },
    });
  });

  it('knows no token it did not issue', async () => {
    await expect(auth.userForToken('made-up-token')).resolves.toBeNull();
  });
});
