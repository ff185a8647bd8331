import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf, type AuthenticatedUser, CurrentUser, Page } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import { Role, Roles } from '../../org/index.js';
import {
  fieldError,
  formErrorsFrom,
  type FormErrors,
  redirectAfterPost,
  renderPage,
} from '../../web/index.js';
import { AuditToolsService, type AuditToolView } from '../audit-tools.service.js';
import { formFromTool } from './tool-form.js';
import { toolFormFieldMap } from './tool-form-errors.js';
import { statusOf, transitionRefusal } from './tool-pages.js';

type Change = 'publish' | 'retire';

/** Publishing a draft and retiring a published version (the editor is AuditToolEditorPageController). */
@ApiExcludeController()
@Page()
@Controller('admin/audit-tools/:id')
export class AuditToolChangesPageController {
  constructor(private readonly tools: AuditToolsService) {}

  @Get('publish')
  @Roles(Role.Administrator)
  async publishForm(@Param('id', ParseIdPipe) id: number, @Res() response: Response): Promise<void> {
    this.showConfirm(response, 'publish', await this.tools.get(id), null, 200);
  }

  @Post('publish')
  @Roles(Role.Administrator)
  publish(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    return this.change('publish', id, user, response);
  }

  @Get('retire')
  @Roles(Role.Administrator)
  async retireForm(@Param('id', ParseIdPipe) id: number, @Res() response: Response): Promise<void> {
    this.showConfirm(response, 'retire', await this.tools.get(id), null, 200);
  }

  @Post('retire')
  @Roles(Role.Administrator)
  retire(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    return this.change('retire', id, user, response);
  }

  private async change(change: Change, id: number, user: AuthenticatedUser, response: Response) {
    try {
      await (change === 'publish'
        ? this.tools.publish(id, actorOf(user))
        : this.tools.retire(id, actorOf(user)));
      redirectAfterPost(
        response,
        `/admin/audit-tools/${id}?done=${change === 'publish' ? 'published' : 'retired'}`,
      );
    } catch (error) {
      // The definition is not on this page: each problem names its row and links to the button.
      const tool = await this.tools.get(id);
      const map = { ...toolFormFieldMap(formFromTool(tool)), idFor: () => undefined };
      const refusal = transitionRefusal(error);
      const errors = refusal ? fieldError('confirm', refusal) : formErrorsFrom(error, map, 'confirm');
      this.showConfirm(response, change, tool, errors, statusOf(error));
    }
  }

  private showConfirm(
    response: Response,
    change: Change,
    tool: AuditToolView,
    errors: FormErrors | null,
    status: number,
  ): void {
    const verb = change === 'publish' ? 'Publish' : 'Retire';
    renderPage(
      response,
      'audit-tools/views/confirm-change.njk',
      { pageTitle: `${verb} ${tool.title}, version ${tool.version}`, change, verb, tool, errors },
      status,
    );
  }
}
