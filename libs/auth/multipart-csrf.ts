import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  type Type,
  UseInterceptors,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { DomainError, ErrorCode } from '../common/index.js';
import { postedCsrfToken, sameToken } from './web-session.js';

/** Metadata: this page route reads a multipart body, so its CSRF token is checked once it is parsed. */
export const CSRF_AFTER_MULTIPART = 'caseAudit:csrfAfterMultipart';
/** The token the guard expects, left on the request for the check after the body is parsed. */
const EXPECTED = Symbol('caseAudit:expectedCsrfToken');

/** Set when an interceptor refused the upload before reading its body (see bodyLeftUnread). */
const UNREAD = Symbol('caseAudit:multipartBodyUnread');

type WithExpected = Request & { [EXPECTED]?: string; [UNREAD]?: true };

/**
 * Called by a parser that refuses an upload without reading its body (another import is running):
 * there is no token to check, and the handler may then only show the form again, writing nothing.
 */
export function bodyLeftUnread(request: Request): void {
  (request as WithExpected)[UNREAD] = true;
}

/** The guard's side: it has checked the session and the role; the token waits for the body. */
export function expectCsrfAfterParse(request: Request, token: string): void {
  (request as WithExpected)[EXPECTED] = token;
}

export function csrfRefused(): DomainError {
  return new DomainError(
    ErrorCode.Forbidden,
    'The form was not sent from this service: go back and try again',
    {
      csrf: true,
    },
  );
}

/** Runs right after the multipart parser: the hidden `_csrf` field is in the body now. */
@Injectable()
export class MultipartCsrfCheck implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<WithExpected>();
    const expected = request[EXPECTED];
    if (request[UNREAD]) return next.handle();
    if (expected !== undefined && !sameToken(expected, postedCsrfToken(request))) throw csrfRefused();
    return next.handle();
  }
}

/**
 * A page form sent as multipart/form-data (a file upload): `parser` (multer's FilesInterceptor)
 * reads the body, then the CSRF token in it is checked, then `after` (which may read the body
 * too) and the handler run. The guard has
 * already refused anyone without a session or the role, so a stranger's upload is never parsed.
 * One decorator, so the deferred check can never be declared without the check itself.
 */
export function MultipartPageForm(parser: Type<NestInterceptor>, ...after: Type<NestInterceptor>[]) {
  return applyDecorators(
    SetMetadata(CSRF_AFTER_MULTIPART, true),
    UseInterceptors(parser, MultipartCsrfCheck, ...after),
  );
}
