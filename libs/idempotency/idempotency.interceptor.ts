import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DomainError, ErrorCode } from '../common/index.js';
import { withTransactionPrelude } from '../persistence/index.js';
import { IdempotencyService, type KeyRef, KeyTakenError, type StoredAnswer } from './idempotency.service.js';
import { type HashedRequest, requestHash, sha256, withoutSecrets } from './request-hash.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const FIELD = 'Idempotency-Key';
/** Printable ASCII, as the IETF draft's examples are (a UUID is typical). */
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

type UserRequest = Request & { user?: { id: number }; files?: HashedRequest['files'] };

function problem(code: ErrorCode, message: string): DomainError {
  return new DomainError(code, `${FIELD}: ${message}`, { errors: [{ field: FIELD, message }] });
}

/**
 * An API create with an `Idempotency-Key` header: the first request with a key creates and its
 * answer (status and body) is stored with the key, for this user, for 24 hours; the same key
 * with the same request gets that answer again without creating; the same key with another
 * request is a 422. Without the header a request is handled as before.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly keys: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<UserRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined || request.user === undefined) return next.handle();
    if (typeof header !== 'string' || !KEY_SHAPE.test(header)) {
      throw problem(ErrorCode.BadRequest, 'give one key of 1 to 255 printable characters, such as a UUID');
    }
    const ref: KeyRef = { userId: request.user.id, scope: 'api', keyHash: sha256(header) };
    const hash = requestHash({
      method: request.method,
      url: request.originalUrl,
      body: request.body,
      files: request.files,
    });
    return from(this.handle(ref, hash, response, next));
  }

  private async handle(ref: KeyRef, hash: string, response: Response, next: CallHandler): Promise<unknown> {
    const earlier = await this.keys.find(ref);
    if (earlier) {
      const answer =
        earlier.state === 'done' || earlier.requestHash !== hash ? earlier : await this.keys.settled(ref);
      return this.replay(ref, answer, hash, response);
    }
    const prelude = this.keys.claim(ref, hash);
    try {
      const body = await withTransactionPrelude(prelude, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      );
      prelude.closed = true;
      if (prelude.pending && !(await this.keys.claimAfter(prelude))) return body;
      // Nest set the route's status before the handler, which may have changed it (a dry run's 200).
      const stored = body === undefined ? null : JSON.stringify(withoutSecrets(body));
      await this.keys.answer(ref, response.statusCode, stored);
      return body;
    } catch (error) {
      prelude.closed = true;
      if (!(error instanceof KeyTakenError)) {
        await this.keys.releaseAfterRefusal(ref, prelude, error);
        throw error;
      }
      return this.replay(ref, await this.keys.settled(ref), hash, response);
    }
  }

  private replay(ref: KeyRef, stored: StoredAnswer | null, hash: string, response: Response): unknown {
    if (stored && stored.requestHash !== hash) {
      throw problem(
        ErrorCode.Validation,
        'this key was used with a different request; send a new key for a new request',
      );
    }
    if (!stored || stored.state !== 'done' || stored.status === null) {
      response.setHeader('Retry-After', '1');
      throw problem(ErrorCode.Conflict, 'a request with this key is still being handled; try again shortly');
    }
    response.status(stored.status);
    response.setHeader('Idempotent-Replayed', 'true');
    return stored.body === null ? undefined : (JSON.parse(stored.body) as unknown);
  }
}

/** The header, as OpenAPI documents it on each create. */
export const IdempotencyKeyHeader = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Send the same key to retry safely: the same request gets the first answer again, another request with it a 422',
  });

/** An API route that creates: it honours `Idempotency-Key`. */
export const IdempotentCreate = () =>
  applyDecorators(UseInterceptors(IdempotencyInterceptor), IdempotencyKeyHeader());
