import { Role } from '../org/index.js';

/**
 * Who reads the improvement plan and its RAG: the managers who answer for it (team managers,
 * heads of service, the director), the advanced practitioners who verify the actions, and the
 * administrators who keep it. Only administrators change it.
 */
export const PLAN_READERS: readonly Role[] = [
  Role.Administrator,
  Role.Director,
  Role.HeadOfService,
  Role.TeamManager,
  Role.AdvancedPractitioner,
];
