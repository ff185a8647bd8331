import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { from, type Observable, switchMap } from 'rxjs';
import type { AuthenticatedUser } from '../../auth/index.js';
import { showNavigationCounts } from '../../web/index.js';
import { NotificationInbox } from '../notification-inbox.service.js';

/**
 * Before any page is rendered for a signed-in person, counts their unread notifications, so the
 * header says "Notifications (3)" on every page. Only a page's request has `locals.user`; the
 * API's requests pass untouched.
 */
@Injectable()
export class UnreadCountInterceptor implements NestInterceptor {
  constructor(private readonly inbox: NotificationInbox) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    const user = response.locals?.user as AuthenticatedUser | undefined;
    if (!user || user.mustChangePassword) return next.handle();
    return from(this.inbox.unreadCount(user.id)).pipe(
      switchMap((unread) => {
        showNavigationCounts(response, { '/notifications': unread });
        return next.handle();
      }),
    );
  }
}
