import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { from, type Observable, switchMap } from 'rxjs';
import type { AuthenticatedUser } from '../../auth/index.js';
import { Role } from '../../org/index.js';
import { showNavigationCounts } from '../../web/index.js';
import { EscalationsService } from '../escalations.service.js';

const ACKNOWLEDGERS: readonly Role[] = [Role.HeadOfService, Role.Director];

/**
 * Before a page is rendered for a head of service or the director, counts the escalations waiting
 * for them, so that the navigation on every page says "Escalations (2)". Only a page's request has
 * `locals.user` (the auth guard sets it from the session cookie); the API's requests pass untouched.
 */
@Injectable()
export class NavigationCountsInterceptor implements NestInterceptor {
  constructor(private readonly escalations: EscalationsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    const user = response.locals?.user as AuthenticatedUser | undefined;
    if (!user || user.mustChangePassword || !ACKNOWLEDGERS.includes(user.role)) return next.handle();
    return from(this.escalations.waitingCount(user)).pipe(
      switchMap((waiting) => {
        showNavigationCounts(response, { '/escalations': waiting });
        return next.handle();
      }),
    );
  }
}
