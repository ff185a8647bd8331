import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf, type AuthenticatedUser, CurrentUser, Page } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import { Role, Roles } from '../../org/index.js';
import { formErrorsFrom, type FormErrors, redirectAfterPost, renderPage } from '../../web/index.js';
import { AuditToolsService, type AuditToolView } from '../audit-tools.service.js';
import { NOTICES, STATUS_TAGS, statusOf } from './tool-pages.js';
import { CreatesOnce } from '../../idempotency/index.js';

/** The audit-tool versions: the list, one version, and a new draft copied from a version. */
@ApiExcludeController()
@Page()
@Controller('admin/audit-tools')
export class AuditToolsPageController {
  constructor(private readonly tools: AuditToolsService) {}

  @Get()
  @Roles(Role.Administrator)
  async list(@Res() response: Response): Promise<void> {
    const page = await this.tools.list({ page: 1, pageSize: 500 });
    const keys = [...new Set(page.items.map((t) => t.key))];
    renderPage(response, 'audit-tools/views/audit-tools.njk', {
      pageTitle: 'Audit tools',
      groups: keys.map((key) => ({ key, versions: page.items.filter((t) => t.key === key) })),
      statusTags: STATUS_TAGS,
    });
  }

  @Get(':id')
  @Roles(Role.Administrator)
  async show(
    @Param('id', ParseIdPipe) id: number,
    @Query('done') done: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    this.showTool(response, await this.tools.get(id), done ? NOTICES[done] : undefined, null, 200);
  }

  /** A new draft of the same tool, starting from this version's definition. */
  @Post(':id/copy')
  @CreatesOnce()
  @Roles(Role.Administrator)
  async copy(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const tool = await this.tools.get(id);
    try {
      const draft = await this.tools.createDraft(
        { key: tool.key, title: tool.title, fromToolId: tool.id },
        actorOf(user),
      );
      redirectAfterPost(response, `/admin/audit-tools/${draft.id}/edit`);
    } catch (error) {
      const errors = formErrorsFrom(error, { idFor: () => undefined }, 'copy');
      this.showTool(response, tool, undefined, errors, statusOf(error));
    }
  }

  private showTool(
    response: Response,
    tool: AuditToolView,
    notice: string | undefined,
    errors: FormErrors | null,
    status: number,
  ): void {
    renderPage(
      response,
      'audit-tools/views/audit-tool.njk',
      {
        pageTitle: `${tool.title}, version ${tool.version}`,
        tool,
        tag: STATUS_TAGS[tool.status],
        notice,
        errors,
      },
      status,
    );
  }
}
