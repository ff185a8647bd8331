import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, normaliseWorkerKey } from '../common/index.js';
import { Locality } from './locality.entity.js';
import type { Role } from './role.js';
import { roleScopeProblems } from './role-scope.js';
import { Team } from './team.entity.js';
import { requireFreeWorkerKey } from './worker-key.js';

/**
 * What an administrator changes about a person. Left out, a field stays as it is; `team: null`
 * takes them out of their team; `locality: null` gives them their team's locality (or none), as
 * adding a person does. A new team without a locality named brings its own locality.
 */
export interface UserChange {
  displayName?: string;
  role?: Role;
  team?: string | null;
  locality?: string | null;
  /** The register's worker id or e-mail that links a social worker to their cases; null unlinks. */
  workerKey?: string | null;
  /** Where their notifications also go by e-mail; null: in the app only. */
  email?: string | null;
}

/** The person as they are now (a UserListItem: named here so the service may import this file). */
export interface CurrentUser {
  id: number;
  displayName: string;
  role: Role;
  teamId: number | null;
  teamName: string | null;
  localityId: number | null;
  localityName: string | null;
  workerKey: string | null;
  email: string | null;
}

export interface UserColumns {
  displayName: string;
  role: Role;
  teamId: number | null;
  localityId: number | null;
  workerKey: string | null;
  email: string | null;
}

/**
 * The person's columns after a change, checked against the same role rules as adding (a team
 * manager needs a team, a head of service a locality). `accessChanged` says the change moves
 * what they may see (role, team or locality), so their sessions must end.
 */
export async function resolveUserChange(
  m: EntityManager,
  user: CurrentUser,
  change: UserChange,
  callerId: number | null,
): Promise<{ columns: UserColumns; accessChanged: boolean }> {
  const role = change.role ?? user.role;
  if (user.id === callerId && role !== user.role) {
    throw new DomainError(ErrorCode.Conflict, 'you cannot change your own role: ask another administrator', {
      field: 'role',
    });
  }
  const team = change.team === undefined ? undefined : change.team && (await requireTeam(m, change.team));
  const teamId = team === undefined ? user.teamId : team ? team.id : null;
  const teamName = team === undefined ? user.teamName : team ? team.name : null;
  const keepLocality = change.locality === undefined && team === undefined;
  const localityName = keepLocality ? user.localityName : (change.locality ?? null);
  const problems = roleScopeProblems(role, { team: teamName, locality: localityName });
  if (problems.length > 0) {
    throw new DomainError(ErrorCode.Validation, problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
      errors: problems,
    });
  }
  let localityId = user.localityId;
  if (!keepLocality) {
    localityId = change.locality
      ? (await requireLocality(m, change.locality)).id
      : team
        ? team.localityId
        : team === null
          ? null
          : await teamLocality(m, teamId);
  }
  const displayName = change.displayName?.trim() || user.displayName;
  const workerKey = change.workerKey === undefined ? user.workerKey : normaliseWorkerKey(change.workerKey);
  if (workerKey !== user.workerKey) await requireFreeWorkerKey(m, workerKey, user.id);
  // An address changes nothing the person may see: their sessions go on.
  const email = change.email === undefined ? user.email : change.email?.trim() || null;
  // A new worker key changes whose cases they read, as a new team does.
  const accessChanged =
    role !== user.role ||
    teamId !== user.teamId ||
    localityId !== user.localityId ||
    workerKey !== user.workerKey;
  return { columns: { displayName, role, teamId, localityId, workerKey, email }, accessChanged };
}

async function requireTeam(m: EntityManager, name: string): Promise<Team> {
  const team = await m.findOneBy(Team, { name });
  if (!team) throw DomainError.validation('team', `no team is called ${name}`);
  return team;
}

async function requireLocality(m: EntityManager, name: string): Promise<Locality> {
  const locality = await m.findOneBy(Locality, { name });
  if (!locality) throw DomainError.validation('locality', `no locality is called ${name}`);
  return locality;
}

async function teamLocality(m: EntityManager, teamId: number | null): Promise<number | null> {
  if (teamId === null) return null;
  return (await m.findOneBy(Team, { id: teamId }))?.localityId ?? null;
}
