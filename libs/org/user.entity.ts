import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../persistence/index.js';
import { Role } from './role.js';
import { TEXT_LIMITS } from '../common/index.js';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 60, unique: true })
  username: string;

  @Column({ type: 'varchar', length: TEXT_LIMITS.personName })
  displayName: string;

  @Column({ type: 'varchar', length: 40 })
  role: Role;

  @ForeignKey('teams', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer', nullable: true })
  teamId: number | null;

  @ForeignKey('localities', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer', nullable: true })
  localityId: number | null;

  /**
   * The register's key for this person as a case's worker (its worker id or e-mail, normalised):
   * a social worker holds the cases whose worker_key is theirs. Never matched by name.
   */
  @Index('IDX_users_worker_key', { unique: true })
  @Column({ type: 'varchar', length: TEXT_LIMITS.workerKey, nullable: true })
  workerKey: string | null;

  /**
   * Where notifications also go by e-mail, when the council has set e-mail up; none means the
   * person reads them in the app only. Kept by an administrator.
   */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 200, select: false })
  passwordHash: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** An administrator set the password: the person chooses their own before anything else. */
  @Column({ type: 'boolean', default: false })
  passwordMustChange: boolean;

  @CreatedAtColumn()
  createdAt: string;
}
