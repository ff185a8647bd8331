import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../persistence/index.js';

/** `api`: an Idempotency-Key header; `form`: a page form's one-time token. */
export type IdempotencyScope = 'api' | 'form';

/**
 * A create that a user's key or form token has claimed. The claim is inserted in the create's own
 * transaction; the unique index makes a second, concurrent claim of the same key fail, so one
 * key creates one record. Only hashes of the key and of the request are kept.
 */
@Entity('idempotency_keys')
@Index(['userId', 'scope', 'keyHash'], { unique: true })
export class IdempotencyKey {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey('users', { onDelete: 'CASCADE' })
  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 10 })
  scope: IdempotencyScope;

  @Column({ type: 'varchar', length: 64 })
  keyHash: string;

  /** SHA-256 of the method, the path and the body: the same key with another request is refused. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  /** `pending` from the claim until the answer is stored beside it. */
  @Column({ type: 'varchar', length: 10 })
  state: 'pending' | 'done';

  @Column({ type: 'integer', nullable: true })
  responseStatus: number | null;

  /** The API's JSON answer, or the page's redirect location, replayed for a repeat. */
  @Column({ type: 'text', nullable: true })
  responseBody: string | null;

  @CreatedAtColumn()
  createdAt: string;

  @Index()
  @Column({ type: 'varchar', length: 30 })
  expiresAt: string;
}
