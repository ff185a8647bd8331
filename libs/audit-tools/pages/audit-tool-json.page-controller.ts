import { Body, Controller, Get, Param, Post, Res, UploadedFile } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf, type AuthenticatedUser, CurrentUser, MultipartPageForm, Page } from '../../auth/index.js';
import { ParseIdPipe } from '../../common/index.js';
import { Role, Roles } from '../../org/index.js';
import { fieldError, type FormErrors, redirectAfterPost, renderPage } from '../../web/index.js';
import { AuditToolsService, type AuditToolView } from '../audit-tools.service.js';
import { definitionFieldMap, draftSaveErrors, saveDraft, statusOf, text } from './tool-pages.js';

/** A JSON file as large as the API's largest body; the form's other fields are two tokens. */
const JsonFileInterceptor = FileInterceptor('file', {
  limits: { fileSize: 1024 * 1024, files: 1, fields: 5, fieldSize: 4096, parts: 6 },
});

/**
 * The definition as a JSON file, for those who keep it or edit it elsewhere: download any
 * version, upload into a draft. An upload saves through the same DTO and service as the editor.
 */
@ApiExcludeController()
@Page()
@Controller('admin/audit-tools/:id')
export class AuditToolJsonPageController {
  constructor(private readonly tools: AuditToolsService) {}

  @Get('definition.json')
  @Roles(Role.Administrator)
  async download(@Param('id', ParseIdPipe) id: number, @Res() response: Response): Promise<void> {
    const tool = await this.tools.get(id);
    response.attachment(`audit-tool-${tool.key}-version-${tool.version}.json`);
    response.type('application/json').send(`${JSON.stringify(tool.definition, null, 2)}\n`);
  }

  @Get('upload')
  @Roles(Role.Administrator)
  async uploadForm(@Param('id', ParseIdPipe) id: number, @Res() response: Response): Promise<void> {
    const tool = await this.tools.get(id);
    if (tool.status !== 'draft') return response.redirect(302, `/admin/audit-tools/${id}`);
    this.showUpload(response, tool, String(tool.rowVersion), null, 200);
  }

  // The CSRF token is read from the body once multer has parsed it.
  @Post('upload')
  @Roles(Role.Administrator)
  @MultipartPageForm(JsonFileInterceptor)
  async upload(
    @Param('id', ParseIdPipe) id: number,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Body() sent: Record<string, unknown> | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const tool = await this.tools.get(id);
    const rowVersion = text(sent?.rowVersion);
    if (!file || file.buffer.length === 0) {
      return this.showUpload(response, tool, rowVersion, fieldError('file', 'Select a JSON file'), 422);
    }
    let definition: unknown;
    try {
      definition = JSON.parse(file.buffer.toString('utf8'));
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'it cannot be read';
      const errors = fieldError('file', `The selected file is not valid JSON: ${reason}`);
      return this.showUpload(response, tool, rowVersion, errors, 422);
    }
    try {
      await saveDraft(this.tools, id, tool.title, definition, rowVersion, actorOf(user));
      redirectAfterPost(response, `/admin/audit-tools/${id}/edit?done=uploaded`);
    } catch (error) {
      const errors = draftSaveErrors(error, definitionFieldMap, 'file');
      this.showUpload(response, tool, rowVersion, errors, statusOf(error));
    }
  }

  private showUpload(
    response: Response,
    tool: AuditToolView,
    rowVersion: string,
    errors: FormErrors | null,
    status: number,
  ): void {
    renderPage(
      response,
      'audit-tools/views/upload-json.njk',
      {
        pageTitle: `Upload a JSON file into ${tool.title}, version ${tool.version}`,
        tool,
        rowVersion,
        errors,
      },
      status,
    );
  }
}
