import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../org/role.js';
import type { AuthenticatedUser } from './authenticated-user.js';

export const IS_PUBLIC = 'caseAudit:isPublic';
export const ROLES = 'caseAudit:roles';

/** No login needed: only login itself and the health check. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The roles that may call a route. A route without it is refused to everyone. */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user,
);
