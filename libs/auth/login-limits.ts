/** How many failed logins are allowed, and for how long a lock holds. */
export interface LoginLimits {
  /** Failures per username within the window before the username is locked. */
  maxFailures: number;
  /**
   * Failures per client address within the window: higher, since an office shares one address;
   * it does not hold back a username that signed in from that address lately.
   */
  maxFailuresPerAddress: number;
  windowMinutes: number;
  lockoutMinutes: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  maxFailures: 5,
  maxFailuresPerAddress: 100,
  windowMinutes: 15,
  lockoutMinutes: 15,
};

/** The injection token for the limits in force (tests may provide their own). */
export const LOGIN_LIMITS = Symbol('LOGIN_LIMITS');

/**
 * LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_ADDRESS, LOGIN_WINDOW_MINUTES, LOGIN_LOCKOUT_MINUTES.
 * A value that is not a positive whole number stops the start-up: a typo must not switch the
 * limit off.
 */
export function loginLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): LoginLimits {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
      throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(raw)}`);
    }
    return Number(raw);
  };
  return {
    maxFailures: read('LOGIN_MAX_FAILURES', DEFAULT_LOGIN_LIMITS.maxFailures),
    maxFailuresPerAddress: read('LOGIN_MAX_FAILURES_PER_ADDRESS', DEFAULT_LOGIN_LIMITS.maxFailuresPerAddress),
    windowMinutes: read('LOGIN_WINDOW_MINUTES', DEFAULT_LOGIN_LIMITS.windowMinutes),
    lockoutMinutes: read('LOGIN_LOCKOUT_MINUTES', DEFAULT_LOGIN_LIMITS.lockoutMinutes),
  };
}
