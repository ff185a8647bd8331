import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { DomainError, ErrorCode, type Page, type PageRequest, rawPage } from '../common/index.js';
import { Db } from '../persistence/index.js';
import { Locality } from './locality.entity.js';
import { assertAcceptablePassword } from './common-passwords.js';
import { hashPassword } from './password.js';
import type { Role } from './role.js';
import { Team } from './team.entity.js';
import { resolveUserChange, type UserChange } from './user-change.js';
import { User } from './user.entity.js';
import { withWorkerKey } from './worker-key.js';

export interface UserFilter {
  role?: Role;
  teamId?: number;
  /** Part of the display name or username, any case. */
  q?: string;
  active?: boolean;
}

/** A user as the administrator's list shows one: never the password hash. */
export interface UserListItem {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  teamId: number | null;
  teamName: string | null;
  localityId: number | null;
  localityName: string | null;
  /** The register's worker key linking a social worker to their cases (see User.workerKey). */
  workerKey: string | null;
  /** Where notifications also go by e-mail; null: in the app only. */
  email: string | null;
  active: boolean;
  createdAt: string;
}

/** What a password reset or a new user answers: the password only when the system made it up. */
export interface PasswordOutcome {
  user: UserListItem;
  /** Shown once to the administrator, never stored or logged in the clear. */
  generatedPassword?: string;
}

/** Runs in the transaction that takes a user's access away (deactivation, password reset). */
export type AccessRevokedHook = (m: EntityManager, userId: number) => Promise<unknown>;

/** 16 characters from 96 random bits, without look-alike ambiguity worries: it is copied, not read aloud. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * The administrator's work on people: the list, deactivation and password resets. Sessions are
 * authentication's rows: it registers a hook here, so this feature never names its tables.
 */
@Injectable()
export class UserAdminService {
  private readonly logger = new Logger(UserAdminService.name);
  private readonly revokeHooks: AccessRevokedHook[] = [];

  constructor(private readonly db: Db) {}

  onAccessRevoked(hook: AccessRevokedHook): void {
    this.revokeHooks.push(hook);
  }

  list(filter: UserFilter, page: PageRequest): Promise<Page<UserListItem>> {
    return this.db.read((m) => {
      const query = this.select(m);
      if (filter.role) query.andWhere('u.role = :role', { role: filter.role });
      if (filter.teamId !== undefined) query.andWhere('u.team_id = :teamId', { teamId: filter.teamId });
      if (filter.active !== undefined) query.andWhere('u.active = :active', { active: filter.active });
      const q = filter.q?.trim().toLowerCase();
      if (q) {
        const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query.andWhere(
          "(LOWER(u.display_name) LIKE :like ESCAPE '\\' OR LOWER(u.username) LIKE :like ESCAPE '\\')",
          { like },
        );
      }
      query.orderBy('u.display_name', 'ASC').addOrderBy('u.id', 'ASC');
      return rawPage<RawUser, UserListItem>(m, query, page, toItem);
    });
  }

  async get(id: number): Promise<UserListItem> {
    return this.db.read((m) => this.require(m, id));
  }

  /** Deactivated people cannot sign in, and every session they had ends now. */
  setActive(id: number, active: boolean, callerId: number | null): Promise<UserListItem> {
    return this.db.transaction(async (m) => {
      const user = await this.require(m, id);
      if (!active && id === callerId) {
        throw new DomainError(
          ErrorCode.Conflict,
          'you cannot deactivate your own account: ask another administrator',
        );
      }
      if (user.active === active) return user;
      await m.update(User, { id }, { active });
      if (!active) await this.revoke(m, id);
      this.logger.log(`user ${id} ${active ? 'reactivated' : 'deactivated'} by user ${callerId ?? '?'}`);
      return { ...user, active };
    });
  }

  /** A new name, role, team or locality; a change of access ends the person's sessions. */
  change(
    id: number,
    change: UserChange,
    callerId: number | null,
  ): Promise<{ user: UserListItem; accessChanged: boolean }> {
    return this.db.transaction(async (m) => {
      const before = await this.require(m, id);
      const { columns, accessChanged } = await resolveUserChange(m, before, change, callerId);
      await withWorkerKey(() => m.update(User, { id }, columns));
      if (accessChanged) await this.revoke(m, id);
      this.logger.log(
        `user ${id} changed by user ${callerId ?? '?'}${accessChanged ? ': sessions ended' : ''}`,
      );
      return { user: await this.require(m, id), accessChanged };
    });
  }

  /** A new password (made up when none is given), to be replaced at next sign-in; the person's sessions end. */
  async resetPassword(
    id: number,
    password: string | undefined,
    callerId: number | null,
  ): Promise<PasswordOutcome> {
    const generatedPassword = password ? undefined : generatePassword();
    const passwordHash = await hashPassword(password ?? generatedPassword!);
    return this.db.transaction(async (m) => {
      const user = await this.require(m, id);
      if (id === callerId) {
        throw new DomainError(
          ErrorCode.Conflict,
          'you cannot reset your own password here: ask another administrator',
        );
      }
      if (password) assertAcceptablePassword(password, { username: user.username });
      // The administrator knows it: the person chooses their own at their next sign-in.
      await m.update(User, { id }, { passwordHash, passwordMustChange: true });
      await this.revoke(m, id);
      this.logger.log(`password of user ${id} reset by user ${callerId ?? '?'}`);
      return generatedPassword ? { user, generatedPassword } : { user };
    });
  }

  /** For OrgService.createUser, in its transaction. */
  async require(m: EntityManager, id: number): Promise<UserListItem> {
    const row = await this.select(m).andWhere('u.id = :id', { id }).getRawOne<RawUser>();
    if (!row) throw DomainError.notFound('user', id);
    return toItem(row);
  }

  private async revoke(m: EntityManager, id: number): Promise<void> {
    for (const hook of this.revokeHooks) await hook(m, id);
  }

  private select(m: EntityManager): SelectQueryBuilder<User> {
    return m
      .createQueryBuilder(User, 'u')
      .select([
        'u.id AS "id"',
        'u.username AS "username"',
        'u.display_name AS "displayName"',
        'u.role AS "role"',
        'u.team_id AS "teamId"',
        't.name AS "teamName"',
        'u.locality_id AS "localityId"',
        'l.name AS "localityName"',
        'u.worker_key AS "workerKey"',
        'u.email AS "email"',
        'u.active AS "active"',
        'u.created_at AS "createdAt"',
      ])
      .leftJoin(Team, 't', 't.id = u.team_id')
      .leftJoin(Locality, 'l', 'l.id = u.locality_id')
      .where('1 = 1');
  }
}

interface RawUser extends Omit<UserListItem, 'id' | 'teamId' | 'localityId' | 'active'> {
  id: number | string;
  teamId: number | string | null;
  localityId: number | string | null;
  active: boolean | number;
}

function toItem(row: RawUser): UserListItem {
  const id = (v: number | string | null) => (v === null ? null : Number(v));
  return {
    ...row,
    id: Number(row.id),
    teamId: id(row.teamId),
    localityId: id(row.localityId),
    active: row.active === true || row.active === 1,
  };
}
