import { Body, Controller, Get, Param, Post, Query, Req, Res, UploadedFiles } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorOf, type AuthenticatedUser, CurrentUser, MultipartPageForm, Page } from '../../auth/index.js';
import { Clock } from '../../clock/index.js';
import { DomainError, ErrorCode, PageQueryDto, pageRequest } from '../../common/index.js';
import { Role, Roles } from '../../org/index.js';
import {
  fieldError,
  type FormErrors,
  formErrorsFrom,
  redirectAfterPost,
  renderPage,
} from '../../web/index.js';
import { CasesImportService } from '../cases-import.service.js';
import { registerCsvTemplate } from '../import/index.js';
import {
  type RegisterJobOptions,
  RegisterJobsService,
  type RegisterJobStatus,
} from '../register-jobs.service.js';
import { uploadRefusal, RegisterUploadInterceptor } from '../register-upload.interceptor.js';
import { partsOfDate, registerDateOf, registerDatePartsOf } from './register-date-field.js';
import {
  importPageView,
  progressText,
  type RegisterUploadForm,
  type RegisterUploadView,
  uploadPageView,
} from './register-views.js';
import { BackgroundFormTokenInterceptor, StartsOnce } from '../../idempotency/index.js';

/** The part of multer's file the page uses; memory storage, then the job stages it on disk. */
interface UploadedFile {
  originalname: string;
  buffer: Buffer;
}

const REJECTED_PAGE_SIZE = 25;

interface ConfirmForm {
  confirmClosures?: unknown;
}

/**
 * The administrator's case register: upload a file, see what it would do (a dry run in the
 * background), import it, and watch each run's progress. The uploaded file stays on the server
 * between the preview and the import, bound to the administrator who sent it.
 */
@ApiExcludeController()
@Page()
@Controller('admin/register')
export class RegisterPageController {
  constructor(
    private readonly imports: CasesImportService,
    private readonly jobs: RegisterJobsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(Role.Administrator)
  async uploadPage(@Res() response: Response): Promise<void> {
    await this.showUploadForm(response, { asOf: partsOfDate(this.clock.today()) }, null, 200);
  }

  /** The template CSV: the header row the upload page lists, from the one register row schema. */
  @Get('template.csv')
  @Roles(Role.Administrator)
  template(@Res() response: Response): void {
    response
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment('case-register-template.csv')
      .send(registerCsvTemplate());
  }

  // The CSRF token and the form token are read from the body once multer has parsed it.
  @Post()
  @Roles(Role.Administrator)
  @MultipartPageForm(RegisterUploadInterceptor(5, 'keep'), BackgroundFormTokenInterceptor)
  async upload(
    @UploadedFiles() files: UploadedFile[] | undefined,
    @Body() sent: Record<string, unknown> | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    // Refused before the body was read (another import running), it has no fields.
    const body = sent ?? {};
    const form: RegisterUploadForm = {
      full: body.full === 'true',
      strictTeams: body.strictTeams === 'true',
      asOf: registerDatePartsOf(body, this.clock.today()),
    };
    const refusal = uploadRefusal(request);
    if (refusal) return this.showRefusal(response, form, refusal);
    const date = registerDateOf(form.asOf, this.clock.today());
    if (date.error !== undefined) {
      return this.showUploadForm(response, form, fieldError('asOf-day', date.error), 422);
    }
    const options: RegisterJobOptions = { full: form.full!, strictTeams: form.strictTeams!, asOf: date.asOf };
    try {
      const job = await this.jobs.upload(
        actorOf(user),
        (files ?? []).map((f) => ({ name: f.originalname, content: f.buffer })),
        options,
      );
      redirectAfterPost(response, `/admin/register/imports/${job.id}`);
    } catch (error) {
      const errors = formErrorsFrom(error, { idFor: () => 'files' }, 'files');
      const status = error instanceof DomainError && error.code === ErrorCode.Conflict ? 409 : 422;
      await this.showUploadForm(response, form, errors, status);
    }
  }

  @Get('imports/:id')
  @Roles(Role.Administrator)
  importPage(
    @Param('id') id: string,
    @Query() query: PageQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): void {
    const job = this.jobs.get(id, user.id);
    const page = pageRequest({ page: query.page, pageSize: REJECTED_PAGE_SIZE });
    renderPage(response, 'cases/views/register-import.njk', importPageView(job, page, null));
  }

  /** What the progress script polls: the same figures the page shows. */
  @Get('imports/:id/status')
  @Roles(Role.Administrator)
  status(
    @Param('id') id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): RegisterJobStatus & { text: string } {
    const status = this.jobs.status(id, user.id);
    return { ...status, text: progressText(status) };
  }

  @Post('imports/:id')
  @StartsOnce()
  @Roles(Role.Administrator)
  confirm(
    @Param('id') id: string,
    @Body() form: ConfirmForm,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): void {
    const raw = typeof form.confirmClosures === 'string' ? form.confirmClosures : '';
    const confirmed = /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
    try {
      this.jobs.confirm(id, user.id, confirmed);
      redirectAfterPost(response, `/admin/register/imports/${id}`);
    } catch (error) {
      const job = this.jobs.get(id, user.id);
      const errors: FormErrors = formErrorsFrom(
        error,
        { idFor: (field) => (field === 'confirmClosures' ? 'confirmClosures' : undefined) },
        'import',
      );
      const status = error instanceof DomainError && error.code === ErrorCode.Validation ? 422 : 409;
      const page = pageRequest({ pageSize: REJECTED_PAGE_SIZE });
      renderPage(response, 'cases/views/register-import.njk', importPageView(job, page, errors), status);
    }
  }

  /** Another import running (429, with Retry-After) or a file too large (422), on the form. */
  private async showRefusal(response: Response, form: RegisterUploadForm, refusal: Error): Promise<void> {
    const busy = refusal instanceof DomainError && refusal.code === ErrorCode.TooManyRequests;
    if (busy) response.setHeader('Retry-After', String(refusal.details.retryAfterSeconds));
    // The shared form errors send a 429 to the error page: here the form stays, to send again.
    const errors = busy
      ? fieldError('files', refusal.message)
      : formErrorsFrom(refusal, { idFor: () => 'files' }, 'files');
    await this.showUploadForm(response, form, errors, busy ? 429 : 422);
  }

  private async showUploadForm(
    response: Response,
    form: RegisterUploadForm,
    errors: FormErrors | null,
    status: number,
  ): Promise<void> {
    const runs = await this.imports.runs({ page: 1, pageSize: 5 });
    const view: RegisterUploadView = uploadPageView(runs, form, errors);
    renderPage(response, 'cases/views/register-upload.njk', view, status);
  }
}
