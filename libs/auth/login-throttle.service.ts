import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/index.js';
import { DomainError, ErrorCode } from '../common/index.js';
import { Db, placeholder } from '../persistence/index.js';
import { LoginAttempt, type LoginAttemptKind } from './login-attempt.entity.js';
import { LOGIN_LIMITS, type LoginLimits } from './login-limits.js';

/** One counter a login attempt is charged to. */
export interface ThrottleKey {
  kind: LoginAttemptKind;
  keyHash: string;
}

/** The counters one attempt holds a place on while its password is checked. */
export interface Reservation {
  charged: ThrottleKey[];
  /** This username from this address: remembered on success (see `reserve`). */
  known: ThrottleKey;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const MINUTE = 60_000;
/** A username signed in from an address within this many days is not held back by that address's lock. */
const KNOWN_ADDRESS_DAYS = 30;

class Refused extends Error {}

/**
 * Failed logins per username and per client address, counted in fixed windows in the database
 * (so every app instance shares them). An attempt takes its place on each counter in one
 * conditional statement *before* its password is checked, so that 30 attempts at once are not
 * all checked: once the limit's places are taken, the rest are refused with 429 while the
 * first ones are still being verified. A failure keeps its place and locks the key when the
 * limit is reached; a success gives its place back. A locked key is refused whatever the
 * password, and a known or unknown username behaves the same, so the lock tells nobody who
 * exists.
 *
 * An office shares one address. So that one person's failures (or an attacker inside) cannot
 * lock everyone out, a username that has signed in from an address within KNOWN_ADDRESS_DAYS
 * is charged to its own counter only, not to the address's: the address limit stops guessing
 * at many usernames from one place, without refusing the people who work there.
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
  keysFor(
    username: string,
    address: string,
  ): { username: ThrottleKey; address: ThrottleKey; known: ThrottleKey } {
    const name = username.trim().toLowerCase();
    return {
      username: { kind: 'username', keyHash: sha256(`username:${name}`) },
      address: { kind: 'address', keyHash: sha256(`address:${address}`) },
      known: { kind: 'known', keyHash: sha256(`known:${name}\n${address}`) },
    };
  }

  /** Takes a place for one password check, or refuses with 429 and the seconds to wait. */
  async reserve(username: string, address: string): Promise<Reservation> {
    const keys = this.keysFor(username, address);
    const now = this.clock.now();
    const charged = (await this.isKnown(keys.known, now)) ? [keys.username] : [keys.username, keys.address];
    try {
      await this.db.transaction(async (m) => {
        for (const key of charged) if (!(await this.take(m, key, now))) throw new Refused();
      });
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      throw await this.tooMany(charged, now);
    }
    return { charged, known: keys.known };
  }

  /** The check failed: its place stays taken, and a key whose places are all taken is locked. */
  async recordFailure(reservation: Reservation, who: string): Promise<void> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const lockedUntil = new Date(now.getTime() + this.limits.lockoutMinutes * MINUTE).toISOString();
    await this.db.transaction(async (m) => {
      for (const key of reservation.charged) {
        // The lock starts a fresh window: once it ends, the key gets its allowance again.
        const { affected } = await m
          .createQueryBuilder()
          .update(LoginAttempt)
          .set({ lockedUntil, failures: 0, windowStartedAt: nowIso })
          .where('kind = :kind AND key_hash = :keyHash AND failures >= :max', { ...key, max: this.max(key) })
          .andWhere('(locked_until IS NULL OR locked_until <= :now)', { now: nowIso })
          .execute();
        if (!affected) continue;
        const subject = key.kind === 'username' ? who : `address ${key.keyHash.slice(0, 12)}`;
        this.logger.warn(
          `login locked for ${this.limits.lockoutMinutes} min after ${this.max(key)} failed attempts: ${subject}`,
        );
      }
    });
  }

  /**
   * The right password: the username's count is cleared (never the address's, which one account
   * must not clear: it only gets its own place back), and the address is remembered for it.
   */
  async recordSuccess(m: EntityManager, reservation: Reservation): Promise<void> {
    const nowIso = this.clock.nowIso();
    for (const key of reservation.charged) {
      if (key.kind === 'username') await m.delete(LoginAttempt, key);
      else
        await m
          .createQueryBuilder()
          .update(LoginAttempt)
          .set({ failures: () => 'failures - 1' })
          .where('kind = :kind AND key_hash = :keyHash AND failures > 0', key)
          .execute();
    }
    // Made if new (two successes at once both try: the second does nothing), then dated now.
    await m
      .createQueryBuilder()
      .insert()
      .into(LoginAttempt)
      .values({ ...reservation.known, failures: 0, windowStartedAt: nowIso, lockedUntil: null })
      .orIgnore()
      .updateEntity(false)
      .execute();
    await m.update(LoginAttempt, reservation.known, { windowStartedAt: nowIso });
  }

  private max(key: ThrottleKey): number {
    return key.kind === 'username' ? this.limits.maxFailures : this.limits.maxFailuresPerAddress;
  }

  private async isKnown(known: ThrottleKey, now: Date): Promise<boolean> {
    const since = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 24 * 60 * MINUTE).toISOString();
    const row = await this.db.read((m) => m.findOneBy(LoginAttempt, known));
    return row !== null && row.windowStartedAt > since;
  }

  /**
   * One place on one counter, in one statement: the row is made or counted up only while the
   * key is unlocked and has places left in its window (a passed window starts again at one), so
   * attempts racing on two app instances cannot both take the last place. No row back: refused.
   */
  private async take(m: EntityManager, key: ThrottleKey, now: Date): Promise<boolean> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return placeholder(m, params.length);
    };
    const nowIso = now.toISOString();
    const floor = new Date(now.getTime() - this.limits.windowMinutes * MINUTE).toISOString();
    // Placeholders are made in the order they appear: SQLite's `?` are positional.
    const sql = `INSERT INTO login_attempts (kind, key_hash, failures, window_started_at, locked_until)
      VALUES (${p(key.kind)}, ${p(key.keyHash)}, 1, ${p(nowIso)}, NULL)
      ON CONFLICT (kind, key_hash) DO UPDATE SET
        failures = CASE WHEN login_attempts.window_started_at <= ${p(floor)}
          THEN 1 ELSE login_attempts.failures + 1 END,
        window_started_at = CASE WHEN login_attempts.window_started_at <= ${p(floor)}
          THEN ${p(nowIso)} ELSE login_attempts.window_started_at END
      WHERE (login_attempts.locked_until IS NULL OR login_attempts.locked_until <= ${p(nowIso)})
        AND (login_attempts.window_started_at <= ${p(floor)} OR login_attempts.failures < ${p(this.max(key))})
      RETURNING failures`;
    const rows = (await m.query(sql, params)) as unknown[];
    return rows.length > 0;
  }

  /** 429 with the seconds until the longest lock ends (a full lock time while the last places are checked). */
  private async tooMany(keys: ThrottleKey[], now: Date): Promise<DomainError> {
    const rows = await this.db.read((m) => m.findBy(LoginAttempt, keys));
    const locks = rows
      .map((r) => (r.lockedUntil ? Date.parse(r.lockedUntil) : 0))
      .filter((t) => t > now.getTime());
    const until = locks.length ? Math.max(...locks) : now.getTime() + this.limits.lockoutMinutes * MINUTE;
    const retryAfterSeconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
    return new DomainError(ErrorCode.TooManyRequests, 'Too many failed logins: try again later', {
      retryAfterSeconds,
    });
  }
}
