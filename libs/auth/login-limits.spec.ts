import { DEFAULT_LOGIN_LIMITS, loginLimitsFromEnv } from './login-limits.js';

describe('loginLimitsFromEnv', () => {
  it('has safe defaults', () => {
    expect(loginLimitsFromEnv({})).toEqual({
      maxFailures: 5,
      maxFailuresPerAddress: 100,
      windowMinutes: 15,
      lockoutMinutes: 15,
    });
  });

  it('reads each variable', () => {
    expect(
      loginLimitsFromEnv({
        LOGIN_MAX_FAILURES: '3',
        LOGIN_MAX_FAILURES_PER_ADDRESS: '30',
        LOGIN_WINDOW_MINUTES: '10',
        LOGIN_LOCKOUT_MINUTES: ' 60 ',
      }),
    ).toEqual({ maxFailures: 3, maxFailuresPerAddress: 30, windowMinutes: 10, lockoutMinutes: 60 });
    expect(loginLimitsFromEnv({ LOGIN_MAX_FAILURES: '' })).toEqual(DEFAULT_LOGIN_LIMITS);
  });

  it.each(['0', '-1', '2.5', 'five', '1e3', '0x10', '99999999999999999999'])(
    'refuses LOGIN_MAX_FAILURES=%s rather than switch the limit off',
    (value) => {
      expect(() => loginLimitsFromEnv({ LOGIN_MAX_FAILURES: value })).toThrow(/LOGIN_MAX_FAILURES/);
    },
  );
});
