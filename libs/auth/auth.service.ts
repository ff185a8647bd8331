import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DomainError, ErrorCode } from '../common/index.js';
import { activeUser, loginUser, type OrgUser, verifyPassword } from '../org/index.js';
import { Db } from '../persistence/index.js';
import { Session } from './session.entity.js';
import type { AuthenticatedUser } from './authenticated-user.js';

const SESSION_HOURS = 8;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: AuthenticatedUser;
}

@Injectable()
export class AuthService {
  constructor(private readonly db: Db) {}

  async login(username: string, password: string): Promise<LoginResult> {
    const user = await this.db.read((m) => loginUser(m, username));
    // The same answer for an unknown user and a wrong password: no account discovery.
    const valid = user ? await verifyPassword(user.passwordHash, password) : false;
    if (!user || !valid)
      throw new DomainError(ErrorCode.Unauthenticated, 'Unknown username or wrong password');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString();
    await this.db.transaction((m) =>
      m.insert(Session, { tokenHash: sha256(token), userId: user.id, expiresAt }),
    );
    return { token, expiresAt, user: toAuthenticated(user) };
  }

  async logout(token: string): Promise<void> {
    await this.db.transaction((m) => m.delete(Session, { tokenHash: sha256(token) }));
  }

  async userForToken(token: string): Promise<AuthenticatedUser | null> {
    const row = await this.db.read(async (m) => {
      const session = await m
        .createQueryBuilder(Session, 's')
        .where('s.token_hash = :hash AND s.expires_at > :now', {
          hash: sha256(token),
          now: new Date().toISOString(),
        })
        .getOne();
      return session ? activeUser(m, session.userId) : null;
    });
    return row ? toAuthenticated(row) : null;
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
  };
}
