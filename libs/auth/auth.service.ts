import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import { Clock } from '../clock/index.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { User } from '../org/user.entity.js';
import { Db } from '../persistence/db.service.js';
import { Session } from './session.entity.js';
import type { AuthenticatedUser } from './authenticated-user.js';

const SESSION_HOURS = 8;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: AuthenticatedUser;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async login(username: string, password: string): Promise<LoginResult> {
    const user = await this.db.read((m) =>
      m
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.username = :username AND u.active = :active', { username, active: true })
        .getOne(),
    );
    // The same answer for an unknown user and a wrong password: no account discovery.
    const valid = user ? await argon2.verify(user.passwordHash, password) : false;
    if (!user || !valid)
      throw new DomainError(ErrorCode.Unauthenticated, 'Unknown username or wrong password');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + SESSION_HOURS * 3600_000).toISOString();
    await this.db.transaction((m) =>
      m.insert(Session, { tokenHash: sha256(token), userId: user.id, expiresAt }),
    );
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
