// The organisation's one door: localities, teams, cohorts, users and their roles.
export { OrgModule } from './org.module.js';
export { type NewUser, OrgService, UNALLOCATED_TEAM } from './org.service.js';
export {
  activeUser,
  activeUsersInRoles,
  addLocality,
  addTeam,
  addUsers,
  countUsers,
  emailAddressOf,
  listUsers,
  loginUser,
  setOwnPassword,
  type NewUserRow,
  type OrgUser,
  teamsWithLocality,
  userById,
} from './org-store.js';
export { roleScope, type RoleScope } from './role-scope.js';
export {
  type LocalityItem,
  type NewTeam,
  type TeamChange,
  type TeamItem,
  TeamsService,
} from './teams.service.js';
export {
  type AccessRevokedHook,
  type PasswordOutcome,
  UserAdminService,
  type UserFilter,
  type UserListItem,
} from './user-admin.service.js';
export { type UserChange } from './user-change.js';
export {
  ChangeTeamDto,
  ChangeUserDto,
  NewLocalityDto,
  NewTeamDto,
  ResetPasswordDto,
  UserQueryDto,
} from './user-admin.dto.js';
export { NewUserDto } from './org.dto.js';
export { hashPassword, verifyPassword } from './password.js';
export { assertAcceptablePassword } from './common-passwords.js';
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules.js';
export { ALL_ROLES, AUDITOR_ROLES, CYCLE_READERS, Role, TIER3_ROLES } from './role.js';
export { Roles, ROLES } from './roles.decorator.js';
export { ORG_SQL } from './org-sql.js';
