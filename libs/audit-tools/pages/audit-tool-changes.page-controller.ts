import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf, type AuthenticatedUser, CurrentUser, Page } from '../../auth/index.js';
import { DomainError, ErrorCode, ParseIdPipe } from '../../common/index.js';
import { Role, Roles } from '../../org/index.js';
import {
  fieldError,
  formErrorsFrom,
  type FormErrors,
  redirectAfterPost,
  renderPage,
  validateInput,
} from '../../web/index.js';
import { UpdateAuditToolDraftDto } from '../audit-tools.dto.js';
import { AuditToolsService, type AuditToolView } from '../audit-tools.service.js';
import { definitionFieldMap, NOTICES, statusOf, text, transitionRefusal } from './tool-pages.js';

interface DraftForm {
  title: string;
  definition: string;
  rowVersion: string;
}

type Change = 'publish' | 'retire';

/** Editing a draft's definition, publishing it, retiring a published version. */
@ApiExcludeController()
@Page()
@Controller('admin/audit-tools/:id')
export class AuditToolChangesPageController {
  constructor(private readonly tools: AuditToolsService) {}

  @Get('edit')
  @Roles(Role.Administrator)
  async editForm(
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const tool = await this.tools.get(id);
    // Only a draft has an editor; a published or retired version is shown as it is.
    if (tool.status !== 'draft') return response.redirect(302, `/admin/audit-tools/${id}`);
    const form = {
      title: tool.title,
      definition: JSON.stringify(tool.definition, null, 2),
      rowVersion: String(tool.rowVersion),
    };
    // A saved draft's problems are shown as errors: they are what stops it being published.
    const problems = tool.problems?.length
      ? formErrorsFrom(
          new DomainError(ErrorCode.Validation, 'problems', { errors: tool.problems }),
          definitionFieldMap,
          'definition',
        )
      : null;
    const notice =
      done === 'saved' && problems
        ? 'The draft has been saved. Fix the problems listed before you publish it.'
        : done
          ? NOTICES[done]
          : undefined;
    this.showEdit(response, tool, form, problems, notice, 200);
  }

  @Post('edit')
  @Roles(Role.Administrator)
  async save(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const tool = await this.tools.get(id);
    const form = {
      title: text(body.title),
      definition: text(body.definition),
      rowVersion: text(body.rowVersion),
    };
    let definition: unknown;
    try {
      definition = JSON.parse(form.definition);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'it cannot be read';
      const errors = fieldError('definition', `The definition is not valid JSON: ${reason}`);
      return this.showEdit(response, tool, form, errors, undefined, 422);
    }
    try {
      const input = await validateInput(UpdateAuditToolDraftDto, {
        title: form.title,
        definition,
        rowVersion: /^\d+$/.test(form.rowVersion) ? Number(form.rowVersion) : form.rowVersion,
      });
      await this.tools.updateDraft(id, input, actorOf(user));
      redirectAfterPost(response, `/admin/audit-tools/${id}/edit?done=saved`);
    } catch (error) {
      const refusal = transitionRefusal(error);
      const errors = refusal
        ? fieldError('definition', `${refusal}. Draft a new version from it instead`)
        : formErrorsFrom(error, definitionFieldMap, 'definition');
      this.showEdit(response, tool, form, errors, undefined, statusOf(error));
    }
  }

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
      // The definition is not on this page: each problem names its path and links to the button.
      const map = { idFor: () => undefined, labelFor: definitionFieldMap.labelFor };
      const refusal = transitionRefusal(error);
      const errors = refusal ? fieldError('confirm', refusal) : formErrorsFrom(error, map, 'confirm');
      this.showConfirm(response, change, await this.tools.get(id), errors, statusOf(error));
    }
  }

  private showEdit(
    response: Response,
    tool: AuditToolView,
    form: DraftForm,
    errors: FormErrors | null,
    notice: string | undefined,
    status: number,
  ): void {
    const pageTitle = `Edit the draft of ${tool.title}, version ${tool.version}`;
    renderPage(
      response,
      'audit-tools/views/edit-draft.njk',
      { pageTitle, tool, form, errors, notice },
      status,
    );
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
