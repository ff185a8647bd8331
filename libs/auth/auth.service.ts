import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '../clock/index.js';
import { DomainError, ErrorCode } from '../common/index.js';
import type { EntityManager } from 'typeorm';
import {
  activeUser,
  assertAcceptablePassword,
  loginUser,
  type OrgUser,
  setOwnPassword,
} from '../org/index.js';
import { Db } from '../persistence/index.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { Session, type SessionKind } from './session.entity.js';
import type { AuthenticatedUser } from './authenticated-user.js';

export { hashPassword } from './password-hasher.js';

/** Every session ends 8 hours after sign-in. */
const SESSION_HOURS = 8;
/** A browser session also ends after 30 minutes without a request. */
export const WEB_IDLE_MINUTES = 30;
/** last_seen_at is rewritten at most once a minute, not on every page. */
const TOUCH_AFTER_MS = 60_000;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: AuthenticatedUser;
}

@Injectable()
export class AuthService implements OnApplicationShutdown {
  private readonly logger = new Logger(AuthService.name);
  /**
   * An unknown username is checked against this, made once per process, so that it costs one
   * argon2 verification like a wrong password does: the time taken tells nobody who exists.
   */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottleService,
  ) {
    this.dummyHash = hasher.hash(randomBytes(32).toString('base64url'));
  }

  /**
   * The dummy hash runs on libuv's thread pool, where no handle or timer shows it: an app closed
   * before it finished left that work running, and the process (a Jest worker at the end of a
   * run) could not exit until it was done. Closing waits for it.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.dummyHash.catch(() => undefined);
  }

  /**
   * `address` is the client's address, for the per-address limit. A person whose password an
   * administrator set gets a web session that only lets them choose a new one (the page guard
   * sees to it); an API login is refused with PASSWORD_CHANGE_REQUIRED, naming the route that
   * changes it, so a script can act on it.
   */
  async login(
    username: string,
    password: string,
    address: string,
    kind: SessionKind = 'api',
  ): Promise<LoginResult> {
    const { user, reservation } = await this.checkCredentials(username, password, address);
    if (kind === 'api' && user.passwordMustChange) {
      await this.db.transaction((m) => this.throttle.recordSuccess(m, reservation));
      throw passwordChangeRequired();
    }
    return this.db.transaction(async (m) => {
      await this.throttle.recordSuccess(m, reservation);
      return this.openSession(m, user, kind);
    });
  }

  /**
   * A person chooses their own password, proving the one they have (counted against the login
   * limits like a login). Every session they had ends; the answer is a new one of `kind`.
   */
  async changePassword(
    username: string,
    current: string,
    next: string,
    address: string,
    kind: SessionKind = 'api',
  ): Promise<LoginResult> {
    const { user, reservation } = await this.checkCredentials(username, current, address);
    try {
      assertAcceptablePassword(next, { username: user.username, current }, 'newPassword');
    } catch (error) {
      // The current password was right: the attempt gives its place back before the refusal.
      await this.db.transaction((m) => this.throttle.recordSuccess(m, reservation));
      throw error;
    }
    const passwordHash = await this.hasher.hash(next);
    const result = await this.db.transaction(async (m) => {
      await setOwnPassword(m, user.id, passwordHash);
      await m.delete(Session, { userId: user.id });
      await this.throttle.recordSuccess(m, reservation);
      return this.openSession(m, { ...user, passwordMustChange: false }, kind);
    });
    this.logger.log(`user ${user.id} chose a new password: other sessions ended`);
    return result;
  }

  /**
   * The password checked within the login limits: the attempt takes its place before the slow
   * check, so racing attempts cannot all be checked. Refused: 429, or 401 for a wrong password.
   */
  private async checkCredentials(username: string, password: string, address: string) {
    const reservation = await this.throttle.reserve(username, address);
    const user = await this.db.read((m) => loginUser(m, username));
    const valid = await this.hasher.verify(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !valid) {
      // The log names the account by id or, for an unknown name, by a hash prefix: no personal data.
      const who = user
        ? `user ${user.id}`
        : `unknown username ${reservation.charged[0].keyHash.slice(0, 12)}`;
      this.logger.warn(`login failed: ${who}`);
      await this.throttle.recordFailure(reservation, who);
      // The same answer for an unknown user and a wrong password: no account discovery.
      throw new DomainError(ErrorCode.Unauthenticated, 'Unknown username or wrong password');
    }
    return { user, reservation };
  }

  private async openSession(m: EntityManager, user: OrgUser, kind: SessionKind): Promise<LoginResult> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + SESSION_HOURS * 3600_000).toISOString();
    const lastSeenAt = kind === 'web' ? this.clock.nowIso() : null;
    await m.insert(Session, { tokenHash: sha256(token), userId: user.id, expiresAt, kind, lastSeenAt });
    return { token, expiresAt, user: toAuthenticated(user) };
  }

  async logout(token: string): Promise<void> {
    await this.db.transaction((m) => m.delete(Session, { tokenHash: sha256(token) }));
  }

  /** The user of a live session of that kind: a cookie cannot stand in for a bearer token, nor back. */
  async userForToken(token: string, kind: SessionKind = 'api'): Promise<AuthenticatedUser | null> {
    const now = this.clock.now();
    const session = await this.db.read((m) =>
      m
        .createQueryBuilder(Session, 's')
        .where('s.token_hash = :hash AND s.expires_at > :now AND s.kind = :kind', {
          hash: sha256(token),
          now: now.toISOString(),
          kind,
        })
        .getOne(),
    );
    if (!session) return null;
    if (kind === 'web') {
      const idleMs = now.getTime() - Date.parse(session.lastSeenAt ?? session.createdAt);
      if (idleMs > WEB_IDLE_MINUTES * 60_000) {
        await this.db.transaction((m) => m.delete(Session, { id: session.id }));
        return null;
      }
      if (idleMs > TOUCH_AFTER_MS) {
        // Skipped while a long write (a register import) holds SQLite: the next request touches.
        await this.db.transactionIfIdle((m) =>
          m.update(Session, { id: session.id }, { lastSeenAt: now.toISOString() }),
        );
      }
    }
    const user = await this.db.read((m) => activeUser(m, session.userId));
    return user ? toAuthenticated(user) : null;
  }
}

function toAuthenticated(user: OrgUser): AuthenticatedUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    teamId: user.teamId,
    localityId: user.localityId,
    // Present only when set, so that everyone else's answer is as it was.
    ...(user.passwordMustChange ? { mustChangePassword: true } : {}),
  };
}

/** 403 problem+json with `passwordChangeRequired` and the route a script changes it by. */
export function passwordChangeRequired(): DomainError {
  return new DomainError(
    ErrorCode.PasswordChangeRequired,
    'Your password was set by an administrator: choose your own before going on',
    { passwordChangeRequired: true, changePassword: 'POST /api/v1/auth/password' },
  );
}
