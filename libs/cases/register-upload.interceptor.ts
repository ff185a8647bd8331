import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  mixin,
  type NestInterceptor,
  PayloadTooLargeException,
  type Type,
} from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { finalize, type Observable } from 'rxjs';
import { bodyLeftUnread } from '../auth/index.js';
import { ImportGate } from './import-gate.js';
import { ImportLimitError, importLimitsFromEnv } from './import/import-limits.js';
import { limitProblem } from './register-files.js';

/** How long a page upload waits for another import's turn before it is refused. */
const PAGE_WAIT_MS = 5000;

/** Where the page's interceptor leaves a refusal for its controller to show on the form. */
const REFUSAL = Symbol('register upload refusal');

/** The refusal of this request's upload (busy, or a file too large), if there was one. */
export function uploadRefusal(request: Request): Error | undefined {
  return (request as Request & { [REFUSAL]?: Error })[REFUSAL];
}

/**
 * Reads a register upload (multipart field `files`) under the import gate and the size limits.
 * The gate is taken before a byte of the body is read and held until the response, so a
 * second upload is refused without being buffered. `refusals: 'throw'` answers problem+json
 * (the API); `'keep'` leaves the refusal for the page, which shows it on its form.
 */
export function RegisterUploadInterceptor(
  maxFiles: number,
  refusals: 'throw' | 'keep',
): Type<NestInterceptor> {
  @Injectable()
  class Interceptor implements NestInterceptor {
    private readonly files: NestInterceptor;
    private readonly fileBytes: number;

    constructor(private readonly gate: ImportGate) {
      this.fileBytes = importLimitsFromEnv().fileBytes;
      // The form's other fields are a few flags and a date: no reason to let them be large.
      const limits = {
        fileSize: this.fileBytes,
        files: maxFiles,
        fields: 10,
        fieldSize: 4096,
        parts: maxFiles + 10,
      };
      this.files = new (FilesInterceptor('files', maxFiles, { limits }))();
    }

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const request = context.switchToHttp().getRequest<Request>();
      // The page waits a little for the gate (a double click, a preview just finishing); the API
      // is refused at once, and its client retries after Retry-After.
      const release = refusals === 'keep' ? await this.gate.enterWithin(PAGE_WAIT_MS) : this.gate.tryEnter();
      if (!release) return this.refuse(request, this.gate.refusal(), next);
      try {
        const handled = await this.files.intercept(context, next);
        return handled.pipe(finalize(release));
      } catch (error) {
        release();
        if (!(error instanceof PayloadTooLargeException)) throw error;
        const max = this.fileBytes;
        const tooLarge = new ImportLimitError(
          'fileBytes',
          max,
          `A file is larger than ${max.toLocaleString('en-GB')} bytes`,
        );
        return this.refuse(request, limitProblem(tooLarge), next);
      }
    }

    private refuse(request: Request, error: Error, next: CallHandler): Observable<unknown> {
      if (refusals === 'throw') throw error;
      // Refused unread: the page shows the refusal on its form and writes nothing.
      bodyLeftUnread(request);
      (request as Request & { [REFUSAL]?: Error })[REFUSAL] = error;
      return next.handle();
    }
  }
  return mixin(Interceptor);
}
