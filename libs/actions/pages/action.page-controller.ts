import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Page, type AuthenticatedUser } from '../../auth/index.js';
import { Clock } from '../../clock/index.js';
import { ParseIdPipe } from '../../common/index.js';
import { ALL_ROLES, Roles } from '../../org/index.js';
import { renderPage } from '../../web/index.js';
import { ActionRecordService } from '../action-record.service.js';
import { actionView } from './action-view.js';

/**
 * One action: what it asks and why, who owns it and by when, its state and its history. The
 * forms that move it on (progress, done, verify, send back, cancel, reassign, move the due date)
 * are the commands' to add, where the page marks their place. Anyone who may not read the
 * action gets the same 404 as for one that does not exist.
 */
@ApiExcludeController()
@Page()
@Controller('actions/:id')
export class ActionPageController {
  constructor(
    private readonly records: ActionRecordService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  async show(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const action = await this.records.show(id, user);
    renderPage(response, 'actions/views/action.njk', actionView(action, this.clock.today(), user.id));
  }
}
