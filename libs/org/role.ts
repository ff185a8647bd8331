export enum Role {
  Administrator = 'administrator',
  HeadOfService = 'head_of_service',
  Director = 'director',
  TeamManager = 'team_manager',
  AdvancedPractitioner = 'advanced_practitioner',
  SeniorManager = 'senior_manager',
  Iro = 'iro',
  Moderator = 'moderator',
  SocialWorker = 'social_worker',
}

export const ALL_ROLES = Object.values(Role);

/** Roles for whom auditing is part of the job (the audit framework's mandatory auditors). */
export const AUDITOR_ROLES: readonly Role[] = [
  Role.TeamManager,
  Role.AdvancedPractitioner,
  Role.SeniorManager,
  Role.Iro,
];

/** Tier 3 audits are done by heads of service and the director. */
export const TIER3_ROLES: readonly Role[] = [Role.HeadOfService, Role.Director];

/** Who may read cycles and their allocations. */
export const CYCLE_READERS: readonly Role[] = [
  Role.Administrator,
  Role.Director,
  Role.HeadOfService,
  Role.SeniorManager,
  Role.TeamManager,
  Role.AdvancedPractitioner,
  Role.Iro,
  Role.Moderator,
];
