import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { AuthenticatedUser } from '../auth/index.js';
import { ORG_SQL as O, Role } from '../org/index.js';

/** What access decisions need to know about one action. */
export interface ActionAccessFacts {
  ownerId: number;
  teamId: number;
  localityId: number | null;
}

/**
 * One way a user may read actions, said twice side by side: as a test of one action's facts
 * (the single-record routes) and as an SQL condition on the actions table (alias `x`) for every
 * list, filter, count and export. Owners read their own; team managers their team's; advanced
 * practitioners and heads of service their locality's; the director and administrators all.
 * Anyone else gets the same 404 as for a missing action, and sees nothing in any list.
 */
interface ReadGrant {
  holds: (action: ActionAccessFacts) => boolean;
  sql: string;
}

export interface ActionScopeParams {
  actionScopeUser: number;
  actionScopeTeam: number;
  actionScopeLocality: number;
}

const LOCALITY_ROLES: readonly Role[] = [Role.AdvancedPractitioner, Role.HeadOfService];

function readGrants(user: AuthenticatedUser): ReadGrant[] {
  if (user.role === Role.Administrator || user.role === Role.Director) {
    return [{ holds: () => true, sql: '1 = 1' }];
  }
  const grants: ReadGrant[] = [{ holds: (x) => x.ownerId === user.id, sql: 'x.owner_id = :actionScopeUser' }];
  if (user.role === Role.TeamManager && user.teamId !== null) {
    grants.push({ holds: (x) => x.teamId === user.teamId, sql: 'x.team_id = :actionScopeTeam' });
  }
  if (LOCALITY_ROLES.includes(user.role) && user.localityId !== null) {
    grants.push({
      holds: (x) => x.localityId === user.localityId,
      sql: `x.team_id IN (SELECT lt.${O.teamId} FROM ${O.teams} lt WHERE lt.${O.teamLocalityId} = :actionScopeLocality)`,
    });
  }
  return grants;
}

export function mayReadAction(user: AuthenticatedUser, action: ActionAccessFacts): boolean {
  return readGrants(user).some((grant) => grant.holds(action));
}

/** The actions (alias `x`) the user may read, as an SQL condition and its parameters. */
export function actionReadScope(user: AuthenticatedUser): { sql: string; params: ActionScopeParams } {
  return {
    sql: `(${readGrants(user)
      .map((grant) => grant.sql)
      .join(' OR ')})`,
    params: {
      actionScopeUser: user.id,
      actionScopeTeam: user.teamId ?? -1,
      actionScopeLocality: user.localityId ?? -1,
    },
  };
}

/** Narrows a query over actions (alias `x`); `null` is the operator's CLI, which reads everything. */
export function actionsReadableBy<Q extends SelectQueryBuilder<ObjectLiteral>>(
  query: Q,
  user: AuthenticatedUser | null,
): Q {
  if (user === null) return query;
  const scope = actionReadScope(user);
  query.andWhere(scope.sql, { ...scope.params });
  return query;
}

/** Who manages an action's team: may reassign, move the due date and cancel. */
export function managesAction(user: AuthenticatedUser, action: ActionAccessFacts): boolean {
  if (user.role === Role.Administrator || user.role === Role.Director) return true;
  if (user.role === Role.TeamManager) return user.teamId === action.teamId;
  if (user.role === Role.HeadOfService)
    return user.localityId !== null && user.localityId === action.localityId;
  return false;
}

/**
 * Who may verify what was done: an advanced practitioner or a manager who may read the action
 * and is not its owner (the machine checks the owner too).
 */
export function mayVerifyAction(user: AuthenticatedUser, action: ActionAccessFacts): boolean {
  if (user.id === action.ownerId) return false;
  if (user.role === Role.AdvancedPractitioner) return mayReadAction(user, action);
  return managesAction(user, action);
}
