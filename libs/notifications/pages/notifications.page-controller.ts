import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn } from 'class-validator';
import type { Response } from 'express';
import { type AuthenticatedUser, CurrentUser, Page } from '../../auth/index.js';
import { isIdNumber, IsOptional, PageQueryDto, pageRequest, ParseIdPipe } from '../../common/index.js';
import { ALL_ROLES, Roles } from '../../org/index.js';
import { pagingLinks, redirectAfterPost, renderPage } from '../../web/index.js';
import { NotificationInbox } from '../notification-inbox.service.js';

const PAGE_SIZE = 20;

class NotificationsPageQuery extends PageQueryDto {
  /** After "Mark all as read": the banner that says it was done. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsIn(['read'])
  done?: 'read';
}

/**
 * Everyone's notifications page: what happened, newest first, the unread marked. Opening one
 * reads it and goes to the thing it is about; "Mark all as read" reads the ones shown and older.
 */
@ApiExcludeController()
@Page()
@Controller('notifications')
export class NotificationsPageController {
  constructor(private readonly inbox: NotificationInbox) {}

  @Get()
  @Roles(...ALL_ROLES)
  async list(
    @Query() query: NotificationsPageQuery,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const page = await this.inbox.list(user.id, {}, pageRequest({ page: query.page, pageSize: PAGE_SIZE }));
    renderPage(response, 'notifications/views/notifications.njk', {
      pageTitle: 'Notifications',
      page,
      done: query.done === 'read',
      // "All" means what this person has seen: the newest on the first page and everything older.
      upTo: page.newestId,
      pagination: pagingLinks(page, '/notifications'),
    });
  }

  @Post('read')
  @Roles(...ALL_ROLES)
  async markAllRead(
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const upTo = typeof body.upTo === 'string' && /^\d{1,10}$/.test(body.upTo) ? Number(body.upTo) : NaN;
    await this.inbox.markAll(user.id, isIdNumber(upTo) ? upTo : undefined);
    redirectAfterPost(response, '/notifications?done=read');
  }

  /** The link each notification shows: reading it marks it read, then on to what it is about. */
  @Get(':id')
  @Roles(...ALL_ROLES)
  async open(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    response.redirect(303, await this.inbox.open(user.id, id));
  }
}
