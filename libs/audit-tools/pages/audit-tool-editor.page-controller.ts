import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf, type AuthenticatedUser, CurrentUser, Page } from '../../auth/index.js';
import { DomainError, ErrorCode, ParseIdPipe } from '../../common/index.js';
import { OrgService, Role, Roles } from '../../org/index.js';
import { formErrorsFrom, type FormErrors, redirectAfterPost, renderPage } from '../../web/index.js';
import { AuditToolsService, type AuditToolView } from '../audit-tools.service.js';
import { definitionFromForm, formFromBody, formFromTool, type ToolForm } from './tool-form.js';
import { applyFormChange, isFormChange } from './tool-form-actions.js';
import { toolFormFieldMap } from './tool-form-errors.js';
import { editorRows } from './tool-form-view.js';
import { draftSaveErrors, NOTICES, saveDraft, statusOf, text } from './tool-pages.js';

interface Notice {
  text: string;
  type?: 'success';
}

/**
 * The draft's editor: a GOV.UK form of domains and compliance items with add, move and remove
 * buttons that work without JavaScript. Saving maps the form to the API's definition and goes
 * through the same DTO, service and rules as the JSON upload.
 */
@ApiExcludeController()
@Page()
@Controller('admin/audit-tools/:id')
export class AuditToolEditorPageController {
  constructor(
    private readonly tools: AuditToolsService,
    private readonly org: OrgService,
  ) {}

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
    const form = formFromTool(tool);
    // A saved draft's problems are shown as errors: they are what stops it being published.
    const problems = tool.problems?.length
      ? formErrorsFrom(
          new DomainError(ErrorCode.Validation, 'problems', { errors: tool.problems }),
          toolFormFieldMap(form),
          'title',
        )
      : null;
    const message =
      done && problems
        ? `${NOTICES[done] ?? NOTICES.saved} Fix the problems listed before you publish it.`
        : done && NOTICES[done];
    await this.showEdit(
      response,
      tool,
      form,
      problems,
      message ? { text: message, type: 'success' } : null,
      200,
    );
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
    const form = formFromBody(body);
    const action = text(body.action);
    if (isFormChange(action)) {
      // Adding, moving or removing a row saves nothing: the form comes back changed, as typed.
      const change = applyFormChange(form, action);
      return this.showEdit(response, tool, change.form, null, { text: change.notice }, 200);
    }
    try {
      await saveDraft(this.tools, id, form.title, definitionFromForm(form), form.rowVersion, actorOf(user));
      redirectAfterPost(response, `/admin/audit-tools/${id}/edit?done=saved`);
    } catch (error) {
      const errors = draftSaveErrors(error, toolFormFieldMap(form), 'title');
      await this.showEdit(response, tool, form, errors, null, statusOf(error));
    }
  }

  private async showEdit(
    response: Response,
    tool: AuditToolView,
    form: ToolForm,
    errors: FormErrors | null,
    notice: Notice | null,
    status: number,
  ): Promise<void> {
    const cohorts = await this.org.cohorts({ page: 1, pageSize: 500 });
    renderPage(
      response,
      'audit-tools/views/edit-draft.njk',
      {
        pageTitle: `Edit the draft of ${tool.title}, version ${tool.version}`,
        tool,
        form,
        rows: editorRows(form, cohorts.items),
        errors,
        notice: notice?.text,
        noticeType: notice?.type,
      },
      status,
    );
  }
}
