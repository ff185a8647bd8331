import type { EntityManager } from 'typeorm';
import { Locality } from './locality.entity.js';
import type { Role } from './role.js';
import { Team } from './team.entity.js';
import { User } from './user.entity.js';

/** A user as other features see one: never the password hash. */
export interface OrgUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  teamId: number | null;
  localityId: number | null;
  workerKey: string | null;
  active: boolean;
  /** An administrator set the password: the person must choose their own first. */
  passwordMustChange: boolean;
}

export interface NewUserRow {
  username: string;
  displayName: string;
  role: Role;
  teamId?: number | null;
  localityId?: number | null;
  /** The register's key for a social worker (see User.workerKey). */
  workerKey?: string | null;
  passwordHash: string;
  /** Left out: false, the password counts as the person's own (the demo's, the benches'). */
  passwordMustChange?: boolean;
}

const USER_COLUMNS = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  teamId: true,
  localityId: true,
  workerKey: true,
  active: true,
  passwordMustChange: true,
} as const;

// Bulk set-up (the demo council, the benches), inside the caller's transaction.
export async function addLocality(m: EntityManager, name: string): Promise<number> {
  const { identifiers } = await m.insert(Locality, { name });
  return Number(identifiers[0].id);
}

export async function addTeam(
  m: EntityManager,
  team: { name: string; localityId: number | null; cohortCode: string | null },
): Promise<number> {
  const { identifiers } = await m.insert(Team, { ...team, isUnallocated: false });
  return Number(identifiers[0].id);
}

export async function addUsers(m: EntityManager, users: readonly NewUserRow[]): Promise<void> {
  const rows = users.map((u) => ({
    teamId: null,
    localityId: null,
    workerKey: null,
    active: true,
    passwordMustChange: false,
    ...u,
  }));
  for (let i = 0; i < rows.length; i += 200) await m.insert(User, rows.slice(i, i + 200));
}

export function countUsers(m: EntityManager): Promise<number> {
  return m.count(User);
}

export function listUsers(m: EntityManager): Promise<OrgUser[]> {
  return m.find(User, { select: USER_COLUMNS });
}

export function userById(m: EntityManager, id: number): Promise<OrgUser | null> {
  return m.findOne(User, { select: USER_COLUMNS, where: { id } });
}

export function activeUser(m: EntityManager, id: number): Promise<OrgUser | null> {
  return m.findOne(User, { select: USER_COLUMNS, where: { id, active: true } });
}

/** An active user by username, with the password hash: for login only. */
export function loginUser(
  m: EntityManager,
  username: string,
): Promise<(OrgUser & { passwordHash: string }) | null> {
  return m
    .getRepository(User)
    .createQueryBuilder('u')
    .addSelect('u.passwordHash')
    .where('u.username = :username AND u.active = :active', { username, active: true })
    .getOne();
}

/** The person's own new password, which clears the flag an administrator's one set. */
export async function setOwnPassword(m: EntityManager, id: number, passwordHash: string): Promise<void> {
  await m.update(User, { id }, { passwordHash, passwordMustChange: false });
}

/**
 * Where a person's notifications also go by e-mail: an active user's address, or null (no
 * address kept, or deactivated: they read nothing any more).
 */
export async function emailAddressOf(m: EntityManager, id: number): Promise<string | null> {
  const user = await m.findOne(User, { select: { id: true, email: true }, where: { id, active: true } });
  return user?.email ?? null;
}

/** Active users in the given roles (of one locality, if given), by id. */
export function activeUsersInRoles(
  m: EntityManager,
  roles: readonly Role[],
  where: { localityId?: number } = {},
): Promise<OrgUser[]> {
  const query = m
    .getRepository(User)
    .createQueryBuilder('u')
    .where('u.active = :active AND u.role IN (:...roles)', { active: true, roles });
  if (where.localityId !== undefined)
    query.andWhere('u.locality_id = :localityId', { localityId: where.localityId });
  return query.orderBy('u.id').getMany();
}

/** Every team with its locality's name: small, read whole. */
export async function teamsWithLocality(
  m: EntityManager,
): Promise<{ id: number; name: string; localityName: string | null }[]> {
  const rows = await m
    .createQueryBuilder()
    .select(['t.id AS "id"', 't.name AS "name"', 'l.name AS "localityName"'])
    .from(Team, 't')
    .leftJoin(Locality, 'l', 'l.id = t.locality_id')
    .getRawMany<{ id: number | string; name: string; localityName: string | null }>();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
