import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  Logger,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DomainError, ErrorCode } from '../common/index.js';
import { type TransactionPrelude, withTransactionPrelude } from '../persistence/index.js';
import { IdempotencyService, type KeyRef, KeyTakenError, type StoredAnswer } from './idempotency.service.js';
import { type HashedRequest, requestHash, sha256 } from './request-hash.js';

/** The hidden field of a form that creates something. */
export const FORM_TOKEN_FIELD = '_formToken';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;
const SEE_OTHER = 303;

type UserRequest = Request & { user?: { id: number }; files?: HashedRequest['files'] };

/** A fresh token for each form a page shows: random, so a page on another site cannot guess one. */
export function newFormToken(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * A page form that creates something, posted more than once with its one-time token (a double
 * click, a retry after a timeout, the back button): the first post creates, and its token is
 * consumed in the create's own transaction; every other post with that token is sent where the
 * first one went (POST-redirect-GET), or told the form was already sent, and creates nothing.
 */
@Injectable()
export class FormTokenInterceptor implements NestInterceptor {
  private readonly logger = new Logger(FormTokenInterceptor.name);
  /** Claim in a transaction of its own before the handler, not inside the handler's first one. */
  protected readonly claimsFirst: boolean = false;

  constructor(private readonly keys: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<UserRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const body: unknown = request.body;
    const token =
      body !== null && typeof body === 'object'
        ? (body as Record<string, unknown>)[FORM_TOKEN_FIELD]
        : undefined;
    // A form from before the tokens (a page open across a deploy) still works, once per post.
    if (token === undefined || request.user === undefined) return next.handle();
    if (typeof token !== 'string' || !TOKEN_SHAPE.test(token)) {
      throw new DomainError(
        ErrorCode.BadRequest,
        'The form was damaged: go back, reload the page and try again',
      );
    }
    const ref: KeyRef = { userId: request.user.id, scope: 'form', keyHash: sha256(token) };
    const hash = requestHash({
      method: request.method,
      url: request.originalUrl,
      body,
      files: request.files,
    });
    return from(this.handle(ref, hash, response, next));
  }

  private async handle(ref: KeyRef, hash: string, response: Response, next: CallHandler): Promise<unknown> {
    const earlier = await this.keys.find(ref);
    if (earlier) {
      const stored = await this.settle(ref, earlier);
      // Null: the earlier post was refused and gave its token back (it may still have been
      // doing so as its page answered), so this one may create.
      if (stored !== null) return this.sendOnward(stored, response);
    }
    const prelude = this.keys.claim(ref, hash);
    const handled = () => lastValueFrom(next.handle(), { defaultValue: undefined });
    let result: unknown;
    try {
      if (this.claimsFirst) {
        if (!(await this.keys.claimAfter(prelude))) throw new KeyTakenError();
        result = await handled().catch(async (error: unknown) => {
          await this.keys.release(ref);
          throw error;
        });
      } else {
        result = await withTransactionPrelude(prelude, handled);
      }
    } catch (error) {
      prelude.closed = true;
      if (!(error instanceof KeyTakenError)) {
        await this.keys.releaseAfterRefusal(ref, prelude, error);
        throw error;
      }
      return this.sendOnward(await this.keys.settled(ref), response);
    }
    prelude.closed = true;
    // The page has answered already: a failure to store its answer is logged, not sent.
    await this.record(ref, prelude, response).catch((error: unknown) =>
      this.logger.warn(`the answer to a form token was not stored: ${(error as Error).message}`),
    );
    return result;
  }

  /** What a repeat of this form is told: where the first post went, or that it was sent. */
  private async record(ref: KeyRef, prelude: TransactionPrelude, response: Response): Promise<void> {
    if (response.statusCode >= 400) {
      // The form was refused and created nothing: a claim that rode on an incidental write
      // (a record of who viewed the audit, as the form is shown again) is given back.
      if (!prelude.pending) await this.keys.release(ref);
      return;
    }
    // A create that opened no transaction of its own (an upload staged on disk) claims after it.
    if (prelude.pending && !(await this.keys.claimAfter(prelude))) return;
    const location = response.statusCode === SEE_OTHER ? String(response.getHeader('location') ?? '') : '';
    await this.keys.answer(ref, response.statusCode, location || null);
  }

  private settle(ref: KeyRef, earlier: StoredAnswer): Promise<StoredAnswer | null> {
    return earlier.state === 'done' ? Promise.resolve(earlier) : this.keys.settled(ref);
  }

  private sendOnward(stored: StoredAnswer | null, response: Response): undefined {
    if (stored?.state === 'done' && stored.status === SEE_OTHER && stored.body) {
      response.redirect(SEE_OTHER, stored.body);
      return undefined;
    }
    throw new DomainError(
      ErrorCode.Conflict,
      'This form was already sent: go back to the page to see what it did, and reload it to send it again',
    );
  }
}

/** A page route whose form creates something: it is sent once per form token. */
export const CreatesOnce = () => UseInterceptors(FormTokenInterceptor);

/**
 * For a form whose create is work in the background (a register upload checked, or imported,
 * after the page has answered): that work must not carry the request's claim into its own
 * transactions, which may roll back as a dry run does. The token is claimed first, in a
 * transaction of its own, and given back if the form is refused.
 */
@Injectable()
export class BackgroundFormTokenInterceptor extends FormTokenInterceptor {
  protected override readonly claimsFirst = true;
}

/** A page route whose form starts background work that creates: it is sent once per form token. */
export const StartsOnce = () => UseInterceptors(BackgroundFormTokenInterceptor);
