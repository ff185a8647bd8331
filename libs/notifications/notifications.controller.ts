import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../auth/index.js';
import { DomainError, pageRequest } from '../common/index.js';
import { ALL_ROLES, Roles } from '../org/index.js';
import { MarkReadDto, MyNotificationsQueryDto } from './notifications.dto.js';
import { NotificationInbox } from './notification-inbox.service.js';

/** The caller's own notifications, read and unread. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/my/notifications')
export class NotificationsController {
  constructor(private readonly inbox: NotificationInbox) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOkResponse({
    description:
      '{ items, page, pageSize, total, unread }: the caller’s notifications, newest first; each with its subject, link (a path in the app) and readAt',
  })
  list(@Query() query: MyNotificationsQueryDto, @CurrentUser() user: AuthenticatedUser) {
    return this.inbox.list(user.id, { unread: query.unread }, pageRequest(query));
  }

  @Post('read')
  @HttpCode(200)
  @Roles(...ALL_ROLES)
  @ApiOkResponse({
    description: '{ marked, unread }: how many were marked now, and how many are left unread',
  })
  @ApiNotFoundResponse({
    description: 'An id that is not one of the caller’s notifications: nothing is marked',
  })
  @ApiUnprocessableEntityResponse({ description: 'Neither ids nor all, or both' })
  async markRead(@Body() body: MarkReadDto, @CurrentUser() user: AuthenticatedUser) {
    if ((body.ids === undefined) === (body.all === undefined))
      throw DomainError.validation('ids', 'send either ids (a list of notification ids) or all: true');
    if (body.upTo !== undefined && !body.all)
      throw DomainError.validation('upTo', 'upTo goes with all: true');
    const marked = body.all
      ? await this.inbox.markAll(user.id, body.upTo)
      : await this.inbox.markRead(user.id, body.ids!);
    return { marked, unread: await this.inbox.unreadCount(user.id) };
  }
}
