import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../persistence/index.js';

export type SessionKind = 'api' | 'web';

/** A login. Only the SHA-256 of the bearer token is stored, so a copied database logs no one in. */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Index()
  @ForeignKey('users', { onDelete: 'CASCADE' })
  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 30 })
  expiresAt: string;

  /** `api` for a bearer token, `web` for a browser's cookie, which also ends after idle time. */
  @Column({ type: 'varchar', length: 10, default: 'api' })
  kind: SessionKind;

  /** Web sessions only: when the session was last used, to the minute. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  lastSeenAt: string | null;

  @CreatedAtColumn()
  createdAt: string;
}
