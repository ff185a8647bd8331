import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedUser } from './authenticated-user.js';

export const IS_PUBLIC = 'caseAudit:isPublic';

/** No login needed: only login itself and the health check. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser =>
    context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user,
);

export const BEFORE_PASSWORD_CHANGE = 'caseAudit:beforePasswordChange';

/**
 * A page a person whose password an administrator set may still use (choosing a new password,
 * signing out); every other route answers PASSWORD_CHANGE_REQUIRED until they have chosen one.
 */
export const AllowedBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE, true);
