import { Role } from './role.js';

/** Where a role's work is scoped: a team manager manages a team, a head of service a locality. */
export type RoleScope = 'team' | 'locality' | 'none';

const SCOPES: Partial<Record<Role, RoleScope>> = {
  [Role.TeamManager]: 'team',
  [Role.SocialWorker]: 'team',
  [Role.HeadOfService]: 'locality',
};

export function roleScope(role: Role): RoleScope {
  return SCOPES[role] ?? 'none';
}

/** What is missing for a role: a team manager without a team would manage no one's audits. */
export function roleScopeProblems(
  role: Role,
  given: { team?: string | null; locality?: string | null },
): { field: string; message: string }[] {
  const scope = roleScope(role);
  if (scope === 'team' && !given.team) {
    return [{ field: 'team', message: 'choose the team this person works in: their role needs one' }];
  }
  if (scope === 'locality' && !given.locality) {
    return [{ field: 'locality', message: 'choose the locality this person leads: their role needs one' }];
  }
  return [];
}
