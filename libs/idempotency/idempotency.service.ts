import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { type EntityManager, LessThan } from 'typeorm';
import { Clock } from '../clock/index.js';
import { DomainError } from '../common/index.js';
import { Db, TransactionPrelude } from '../persistence/index.js';
import { IdempotencyKey, type IdempotencyScope } from './idempotency-key.entity.js';
import { isUniqueViolation } from './unique-violation.js';

/** How long a key (or a form token) is remembered; after it, the same key creates again. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** How long a repeat waits for the first request's answer before saying it is still in hand. */
const SETTLE_TRIES = 200;
const SETTLE_STEP_MS = 25;

/** Whose key, of which kind: only hashes are stored. */
export interface KeyRef {
  userId: number;
  scope: IdempotencyScope;
  keyHash: string;
}

export interface StoredAnswer {
  requestHash: string;
  state: 'pending' | 'done';
  status: number | null;
  body: string | null;
}

/** Thrown by a claim whose key another request holds: that request's answer is the one to give. */
export class KeyTakenError extends Error {
  constructor() {
    super('this key was claimed by another request');
  }
}

/**
 * Claims, answers and replays Idempotency-Keys and one-time form tokens. The claim is an insert
 * under a unique index run inside the create's own transaction (a TransactionPrelude), so of two
 * requests with one key, however close together, exactly one creates; the other waits for its
 * answer and gives the same.
 */
@Injectable()
export class IdempotencyService implements BeforeApplicationShutdown {
  /** Answers still being stored, often after the page's redirect has gone: shutdown waits for them. */
  private readonly storing = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.storing]);
  }

  /** The answer stored for a key, unless none is or it has expired. */
  async find(ref: KeyRef): Promise<StoredAnswer | null> {
    const row = await this.db.read((m) => m.findOneBy(IdempotencyKey, { ...ref }));
    if (!row || row.expiresAt <= this.clock.nowIso()) return null;
    return {
      requestHash: row.requestHash,
      state: row.state,
      status: row.responseStatus,
      body: row.responseBody,
    };
  }

  /** The claim, to run first in the transaction that creates. */
  claim(ref: KeyRef, requestHash: string): TransactionPrelude {
    return new TransactionPrelude((m) => this.insertClaim(m, ref, requestHash));
  }

  /**
   * For a create that opened no transaction of its own: the claim, after the fact. False when a
   * concurrent request with the key claimed it first (its answer stands).
   */
  async claimAfter(prelude: TransactionPrelude): Promise<boolean> {
    prelude.pending = false;
    try {
      await this.stored(this.db.transaction((m) => prelude.run(m)));
      return true;
    } catch (error) {
      if (error instanceof KeyTakenError) return false;
      throw error;
    }
  }

  answer(ref: KeyRef, status: number, body: string | null): Promise<void> {
    return this.stored(
      this.db.transaction(async (m) => {
        await m.update(
          IdempotencyKey,
          { ...ref },
          { state: 'done', responseStatus: status, responseBody: body },
        );
      }),
    );
  }

  /** Gives a claim back, unanswered: the request it belonged to created nothing. */
  release(ref: KeyRef): Promise<void> {
    return this.stored(
      this.db.transaction(async (m) => {
        await m.delete(IdempotencyKey, { ...ref, state: 'pending' });
      }),
    );
  }

  /**
   * A request refused with a client error (a DomainError: 4xx) created nothing, so a claim that
   * committed with an earlier, incidental write of it is given back; after an unexpected
   * failure the claim stays, since the create may have committed before it.
   */
  async releaseAfterRefusal(ref: KeyRef, prelude: TransactionPrelude, error: unknown): Promise<void> {
    if (error instanceof DomainError && !prelude.pending && !prelude.refused) await this.release(ref);
  }

  /** Waits (briefly) for the request that holds the key to store its answer. */
  async settled(ref: KeyRef): Promise<StoredAnswer | null> {
    for (let i = 0; i < SETTLE_TRIES; i++) {
      const found = await this.find(ref);
      if (!found || found.state === 'done') return found;
      await sleep(SETTLE_STEP_MS);
    }
    return this.find(ref);
  }

  private stored<T>(work: Promise<T>): Promise<T> {
    this.storing.add(work);
    return work.finally(() => this.storing.delete(work));
  }

  private async insertClaim(m: EntityManager, ref: KeyRef, requestHash: string): Promise<void> {
    const now = this.clock.now();
    // An expired key is forgotten: the user's expired keys go with it, so the table stays small.
    await m.delete(IdempotencyKey, { userId: ref.userId, expiresAt: LessThan(now.toISOString()) });
    const expiresAt = new Date(now.getTime() + IDEMPOTENCY_TTL_HOURS * 3600_000).toISOString();
    try {
      await m.insert(IdempotencyKey, { ...ref, requestHash, state: 'pending', expiresAt });
    } catch (error) {
      if (isUniqueViolation(error)) throw new KeyTakenError();
      throw error;
    }
  }
}
