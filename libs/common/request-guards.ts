import { type INestApplication, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { bodyShapeProblem, type BodyShapeProblem } from './body-shape.js';
import { DomainError, ErrorCode } from './domain-error.js';
import { hasControlCharacter } from '../../workflows/rules/plain-text.js';
import { isPrototypeMemberName } from './prototype-keys.js';
import { tidyPastedForm } from './pasted-text.js';

/** The largest JSON body: a full audit tool definition is well under it. Larger is a 413. */
export const JSON_BODY_LIMIT = '1mb';
/**
 * The largest page form: the grading form holds up to 10,000 characters beside every domain and
 * for the rationale, and prose takes more bytes in a form than it has characters (a curly quote
 * is nine). At 100 kB a full form was a 413 and lost everything typed.
 */
export const FORM_BODY_LIMIT = '1mb';

/** The JSON API takes JSON, and multipart for the register upload; pages may also post forms. */
const API_BODY_TYPES = ['application/json', 'application/*+json', 'multipart/form-data'];
const PAGE_BODY_TYPES = [...API_BODY_TYPES, 'application/x-www-form-urlencoded'];
/**
 * A query parameter's name: `page[a]` and `month[]` ask for nesting that no route takes. `_csrf`
 * passes here only so that a token sent in a URL (an old bookmarked form) meets the CSRF check's
 * own 403, which says what to do; the check never reads the query.
 */
const QUERY_NAME = /^(?:_csrf|[A-Za-z][A-Za-z0-9_.-]{0,63})$/;

/**
 * Guards every request before routing and validation, so that no route can be crashed by the
 * shape of its input: the body's media type, its size (413), its depth and keys, and query
 * parameters that must each be one plain value. Each refusal is problem+json naming the problem.
 * Registered in configureApp, in this order: the JSON parser must run before the shape check.
 */
export function installRequestGuards(app: INestApplication): void {
  app.use(refuseUnsupportedBody);
  // Registered here so Nest's own parsers (added at init) are skipped and the limits are ours.
  // Forms (the web pages to come) are read flat: `a[b]=1` stays one field, never an object.
  (app as NestExpressApplication)
    .useBodyParser('json', { limit: JSON_BODY_LIMIT })
    .useBodyParser('urlencoded', { extended: false, limit: FORM_BODY_LIMIT });
  app.use(tidyPastedPageForms);
  app.use(refuseBadBodyShape);
  app.use(refuseNonScalarQuery);
}

function hasBody(request: Request): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return request.headers['transfer-encoding'] !== undefined || length > 0;
}

export function refuseUnsupportedBody(request: Request, _response: Response, next: NextFunction): void {
  const types = request.path.startsWith('/api/') ? API_BODY_TYPES : PAGE_BODY_TYPES;
  if (hasBody(request) && !request.is(types)) {
    next(
      new UnsupportedMediaTypeException(
        'send the body as application/json (multipart/form-data for file uploads)',
      ),
    );
    return;
  }
  next();
}

/** A page form's pasted text as the person meant it (pasted-text.ts); the API's JSON is refused as sent. */
export function tidyPastedPageForms(request: Request, _response: Response, next: NextFunction): void {
  const form = request.is('application/x-www-form-urlencoded') && !request.path.startsWith('/api/');
  if (form && request.body && typeof request.body === 'object')
    tidyPastedForm(request.body as Record<string, unknown>);
  next();
}

export function refuseBadBodyShape(request: Request, _response: Response, next: NextFunction): void {
  const problem = request.body === undefined ? null : bodyShapeProblem(request.body);
  next(problem ? bodyShapeError(problem) : undefined);
}

/** The refusal for a body shape problem: 422 naming the field for a key or text, else 400. */
export function bodyShapeError(problem: BodyShapeProblem): DomainError {
  const code =
    problem.kind === 'key' || problem.kind === 'text' ? ErrorCode.Validation : ErrorCode.BadRequest;
  const field = problem.field || 'body';
  return new DomainError(code, `${field}: ${problem.message}`, {
    errors: [{ field, message: problem.message }],
  });
}

export function refuseNonScalarQuery(request: Request, _response: Response, next: NextFunction): void {
  for (const [key, value] of Object.entries(request.query as Record<string, unknown>)) {
    const name = key.slice(0, 64);
    const message =
      !QUERY_NAME.test(key) || isPrototypeMemberName(key)
        ? 'is not a query parameter name: give plain names such as ?page=2'
        : typeof value !== 'string'
          ? 'must be given once, as one plain value'
          : hasControlCharacter(value)
            ? 'must not contain a control character'
            : null;
    if (message) {
      next(
        new DomainError(ErrorCode.BadRequest, `query parameter ${name} ${message}`, {
          errors: [{ field: name, message }],
        }),
      );
      return;
    }
  }
  next();
}
