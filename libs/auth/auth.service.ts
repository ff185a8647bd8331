import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '../clock/index.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { User } from '../org/user.entity.js';
import { Db } from '../persistence/db.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { Session } from './session.entity.js';
import type { AuthenticatedUser } from './authenticated-user.js';

export { hashPassword } from './password-hasher.js';

const SESSION_HOURS = 8;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: AuthenticatedUser;
}

@Injectable()
export class AuthService {
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

  /** `address` is the client's address, for the per-address limit. */
  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const keys = this.throttle.keysFor(username, address);
    await this.throttle.refuseIfLocked(keys);
    const user = await this.db.read((m) =>
      m
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.username = :username AND u.active = :active', { username, active: true })
        .getOne(),
    );
    const valid = await this.hasher.verify(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !valid) {
      // The log names the account by id or, for an unknown name, by a hash prefix: no personal data.
      const who = user ? `user ${user.id}` : `unknown username ${keys[0].keyHash.slice(0, 12)}`;
      this.logger.warn(`login failed: ${who}`);
      await this.throttle.recordFailure(keys, who);
      // The same answer for an unknown user and a wrong password: no account discovery.
      throw new DomainError(ErrorCode.Unauthenticated, 'Unknown username or wrong password');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + SESSION_HOURS * 3600_000).toISOString();
    await this.db.transaction(async (m) => {
      await m.insert(Session, { tokenHash: sha256(token), userId: user.id, expiresAt });
      await this.throttle.reset(m, keys);
    });
    return { token, expiresAt, user: toAuthenticated(user) };
  }

  async logout(token: string): Promise<void> {
    await this.db.transaction((m) => m.delete(Session, { tokenHash: sha256(token) }));
  }

  async userForToken(token: string): Promise<AuthenticatedUser | null> {
    const row = await this.db.read((m) =>
      m
        .getRepository(User)
        .createQueryBuilder('u')
        .innerJoin(Session, 's', 's.user_id = u.id')
        .where('s.token_hash = :hash AND s.expires_at > :now AND u.active = :active', {
          hash: sha256(token),
          now: this.clock.nowIso(),
          active: true,
        })
        .getOne(),
    );
    return row ? toAuthenticated(row) : null;
  }
}

function toAuthenticated(user: User): AuthenticatedUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    teamId: user.teamId,
    localityId: user.localityId,
  };
}
