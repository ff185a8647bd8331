import { SetMetadata } from '@nestjs/common';
import type { Role } from './role.js';

export const ROLES = 'caseAudit:roles';

/** The roles that may call a route. A route without it is refused to everyone (auth's guard). */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ROLES, roles);
