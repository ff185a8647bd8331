import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * The signed-in caller's user id, as the global guard attached it. Org cannot use auth's
 * CurrentUser (auth depends on org), and needs only the id: to refuse acting on oneself.
 */
export const CallerId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): number | null =>
    context.switchToHttp().getRequest<{ user?: { id: number } }>().user?.id ?? null,
);
