import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/index.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { Db } from '../persistence/db.service.js';
import { LoginAttempt, type LoginAttemptKind } from './login-attempt.entity.js';
import { LOGIN_LIMITS, type LoginLimits } from './login-limits.js';

/** One counter a login attempt is charged to. */
export interface ThrottleKey {
  kind: LoginAttemptKind;
  keyHash: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const MINUTE = 60_000;

/**
 * Failed logins per username and per client address, counted in fixed windows in the database
 * (so every app instance shares them). A counter that reaches its limit locks its key for
 * LOGIN_LOCKOUT_MINUTES; a locked key is refused with 429 whatever the password, and a known or
 * unknown username behaves the same, so the lock tells nobody who exists.
 */
@Injectable()
export class LoginThrottleService {
  private readonly logger = new Logger(LoginThrottleService.name);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(LOGIN_LIMITS) private readonly limits: LoginLimits,
  ) {}

  /** Usernames compare without case or surrounding spaces, so `Admin ` does not get fresh tries. */
  keysFor(username: string, address: string): ThrottleKey[] {
    return [
      { kind: 'username', keyHash: sha256(`username:${username.trim().toLowerCase()}`) },
      { kind: 'address', keyHash: sha256(`address:${address}`) },
    ];
  }

  /** 429 with the seconds until the longest lock on these keys ends. */
  async refuseIfLocked(keys: ThrottleKey[]): Promise<void> {
    const now = this.clock.now();
    const rows = await this.db.read((m) =>
      m
        .createQueryBuilder(LoginAttempt, 'la')
        .where('la.lockedUntil > :now', { now: now.toISOString() })
        .andWhere(`(${keys.map((_, i) => `(la.kind = :kind${i} AND la.keyHash = :key${i})`).join(' OR ')})`)
        .setParameters(
          Object.fromEntries(
            keys.flatMap((k, i) => [
              [`kind${i}`, k.kind],
              [`key${i}`, k.keyHash],
            ]),
          ),
        )
        .getMany(),
    );
    if (!rows.length) return;
    const until = Math.max(...rows.map((r) => Date.parse(r.lockedUntil!)));
    const retryAfterSeconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
    throw new DomainError(ErrorCode.TooManyRequests, 'Too many failed logins: try again later', {
      retryAfterSeconds,
    });
  }

  /** Counts a failure against every key; `who` names the account in the log without personal data. */
  async recordFailure(keys: ThrottleKey[], who: string): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (m) => {
      for (const key of keys) {
        const failures = await this.count(m, key, now);
        const max = key.kind === 'username' ? this.limits.maxFailures : this.limits.maxFailuresPerAddress;
        if (failures < max) continue;
        const lockedUntil = new Date(now.getTime() + this.limits.lockoutMinutes * MINUTE).toISOString();
        // The lock starts a fresh window: once it ends, the key gets its allowance again.
        await m.update(LoginAttempt, key, { lockedUntil, failures: 0, windowStartedAt: now.toISOString() });
        const subject = key.kind === 'username' ? who : `address ${key.keyHash.slice(0, 12)}`;
        this.logger.warn(
          `login locked for ${this.limits.lockoutMinutes} min after ${failures} failed attempts: ${subject}`,
        );
      }
    });
  }

  /** A successful login clears its username's count (never the address's: one account must not clear it). */
  async reset(m: EntityManager, keys: ThrottleKey[]): Promise<void> {
    for (const key of keys.filter((k) => k.kind === 'username')) await m.delete(LoginAttempt, key);
  }

  /**
   * Adds one failure in one statement, so that two instances counting at once both count; a
   * window that has passed starts again at one.
   */
  private async count(m: EntityManager, key: ThrottleKey, now: Date): Promise<number> {
    const nowIso = now.toISOString();
    const windowFloor = new Date(now.getTime() - this.limits.windowMinutes * MINUTE).toISOString();
    await m
      .createQueryBuilder()
      .insert()
      .into(LoginAttempt)
      .values({ ...key, failures: 0, windowStartedAt: nowIso, lockedUntil: null })
      .orIgnore()
      .updateEntity(false)
      .execute();
    await m
      .createQueryBuilder()
      .update(LoginAttempt)
      .set({
        failures: () => 'CASE WHEN window_started_at <= :floor THEN 1 ELSE failures + 1 END',
        windowStartedAt: () => 'CASE WHEN window_started_at <= :floor THEN :now ELSE window_started_at END',
      })
      .where('kind = :kind AND key_hash = :keyHash', key)
      .setParameters({ floor: windowFloor, now: nowIso })
      .execute();
    const row = await m.findOneByOrFail(LoginAttempt, key);
    return row.failures;
  }
}
