import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** `known`: a username's last successful sign-in from an address (windowStartedAt holds when). */
export type LoginAttemptKind = 'username' | 'address' | 'known';

/**
 * Login attempts counted per username and per client address, in the database so that every app
 * instance sees the same counts: `failures` holds the failures in the window plus the checks
 * under way (each takes its place before its password is checked). `known` rows remember when a
 * username last signed in from an address. Only a SHA-256 of the username or address is stored.
 */
@Entity('login_attempts')
@Index(['kind', 'keyHash'], { unique: true })
export class LoginAttempt {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 10 })
  kind: LoginAttemptKind;

  @Column({ type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ type: 'integer' })
  failures: number;

  /** ISO 8601 UTC, as sessions store their expiry: compares as text on both engines. */
  @Index()
  @Column({ type: 'varchar', length: 30 })
  windowStartedAt: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  lockedUntil: string | null;
}
