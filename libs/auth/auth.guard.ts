import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError, ErrorCode } from '../common/index.js';
import { type Role, ROLES } from '../org/index.js';
import { IS_PUBLIC } from './auth.decorators.js';
import { AuthService } from './auth.service.js';

/**
 * Global guard: a valid bearer token on every route but the public ones, then the route's
 * declared roles. It fails closed: a route that forgot to declare roles is refused, not open.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token)
      throw new DomainError(ErrorCode.Unauthenticated, 'Log in first: send Authorization: Bearer <token>');
    const user = await this.auth.userForToken(token);
    if (!user)
      throw new DomainError(ErrorCode.Unauthenticated, 'The session has expired or was ended; log in again');
    request.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
    if (!roles.includes(user.role)) {
      throw new DomainError(ErrorCode.Forbidden, `The ${user.role} role may not do this`);
    }
    return true;
  }
}
