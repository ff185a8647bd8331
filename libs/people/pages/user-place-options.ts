import { Role, roleScope, type Role as RoleType, type TeamsService } from '../../org/index.js';
import { ROLE_LABELS, roleOptions, type SelectItem, selectItems } from '../people-forms.js';

export interface PlaceOptions {
  roleItems: SelectItem[];
  teamItems: SelectItem[];
  localityItems: SelectItem[];
  /** The roles that need a team, and those that need a locality, in words for the hints. */
  teamRoles: string[];
  localityRoles: string[];
}

const rolesNeeding = (scope: string) =>
  Object.values(Role)
    .filter((r: RoleType) => roleScope(r) === scope)
    .map((r) => ROLE_LABELS[r].toLowerCase());

/** The role, team and locality choices of the add and change forms, with the form's choices selected. */
export async function placeOptions(
  teams: TeamsService,
  chosen: { role?: string; team?: string; locality?: string },
): Promise<PlaceOptions> {
  const [teamPage, localityPage] = await Promise.all([
    teams.teams({ page: 1, pageSize: 500 }),
    teams.localities({ page: 1, pageSize: 500 }),
  ]);
  return {
    roleItems: selectItems(roleOptions(), chosen.role, 'Choose a role'),
    teamItems: selectItems(
      teamPage.items.map((t) => ({
        value: t.name,
        text: t.localityName ? `${t.name} (${t.localityName})` : t.name,
      })),
      chosen.team,
      'No team',
    ),
    localityItems: selectItems(
      localityPage.items.map((l) => ({ value: l.name, text: l.name })),
      chosen.locality,
      'The team’s locality, or none',
    ),
    teamRoles: rolesNeeding('team'),
    localityRoles: rolesNeeding('locality'),
  };
}
