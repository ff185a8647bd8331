/**
 * The organisation's tables and the columns other features may join to, named in this one
 * place: audits show a team's name and an auditor's name beside their own rows in one query.
 */
export const ORG_SQL = {
  teams: 'teams',
  teamId: 'id',
  teamName: 'name',
  teamLocalityId: 'locality_id',
  users: 'users',
  userId: 'id',
  userDisplayName: 'display_name',
  userUsername: 'username',
  userRole: 'role',
  userWorkerKey: 'worker_key',
  userActive: 'active',
  userTeamId: 'team_id',
  userLocalityId: 'locality_id',
  cohorts: 'cohorts',
  cohortCode: 'code',
  cohortTitle: 'title',
  cohortSpecificity: 'specificity',
  localities: 'localities',
  localityId: 'id',
  localityName: 'name',
} as const;
