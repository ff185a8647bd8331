import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainError, ErrorCode } from './domain-error.js';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.BadRequest]: HttpStatus.BAD_REQUEST,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.Conflict]: HttpStatus.CONFLICT,
  [ErrorCode.IllegalTransition]: HttpStatus.CONFLICT,
  [ErrorCode.StaleUpdate]: HttpStatus.CONFLICT,
  [ErrorCode.FileFormat]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.TooManyRequests]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.PasswordChangeRequired]: HttpStatus.FORBIDDEN,
  [ErrorCode.Busy]: HttpStatus.SERVICE_UNAVAILABLE,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  correlationId: string;
  [extension: string]: unknown;
}

/**
 * Writes every error as RFC 9457 application/problem+json with a correlation id. Client
 * mistakes keep their message; anything unexpected is a bare 500 whose detail is logged
 * (by correlation id, without request bodies, which may hold case data) and not returned.
 */
/** How web pages answer an error instead: an HTML page, or a redirect to sign in. */
export interface PageErrorRenderer {
  isPage(request: Request): boolean;
  render(problem: Problem, request: Request, response: Response): void;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  constructor(private readonly pages?: PageErrorRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    // The id the request logger assigned (a client's own only if it was a UUID), never a raw header.
    const assigned = (request as Request & { id?: unknown }).id;
    const correlationId = typeof assigned === 'string' ? assigned : randomUUID();
    const problem = this.toProblem(exception, request, correlationId);
    // A domain error at 5xx (busy: try again) is expected, not a failure to investigate.
    if (problem.status >= 500 && !(exception instanceof DomainError)) {
      const reason = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(
        `${request.method} ${request.route?.path ?? 'unknown route'} failed [${correlationId}]: ${reason}`,
      );
    }
    // A page as well as the API says when to come back (429, 503).
    const retryAfter = exception instanceof DomainError ? exception.details.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number' && !response.headersSent) {
      response.setHeader('Retry-After', String(retryAfter));
    }
    if (this.pages?.isPage(request) && !response.headersSent) {
      response.setHeader('x-correlation-id', correlationId);
      this.pages.render(problem, request, response);
      return;
    }
    response
      .status(problem.status)
      .type('application/problem+json')
      .setHeader('x-correlation-id', correlationId);
    response.send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request, correlationId: string): Problem {
    // The path only: a query string may carry a token, and an error body must never echo one.
    const base = { instance: request.originalUrl.split('?')[0], correlationId };
    if (exception instanceof DomainError) {
      const status = STATUS[exception.code];
      return {
        type: `urn:case-audit:problem:${exception.code.toLowerCase()}`,
        title: titleFor(status),
        status,
        detail: exception.message,
        code: exception.code,
        ...exception.details,
        ...base,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      // The JSON parser's message quotes the body it choked on, which may hold a password or token.
      const unparsedBody = exception.cause instanceof SyntaxError;
      const detail = unparsedBody
        ? 'The request body is not valid JSON'
        : typeof body === 'object' && body !== null && 'message' in body
          ? [body.message].flat().join('; ')
          : exception.message;
      return {
        type: 'about:blank',
        title: titleFor(status),
        status,
        detail,
        code: status === 404 ? ErrorCode.NotFound : status === 403 ? ErrorCode.Forbidden : 'HTTP_ERROR',
        ...base,
      };
    }
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred. Quote the correlation id when reporting it.',
      code: 'INTERNAL',
      ...base,
    };
  }
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Content',
    429: 'Too Many Requests',
    503: 'Service Unavailable',
  };
  return titles[status] ?? 'Error';
}
