import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { UpdatedAtColumn } from '../persistence/index.js';
import { TEXT_LIMITS } from '../common/index.js';

/**
 * One open (or once open) case on the register. Deliberately no child's name, date of birth or
 * other personal detail: the case reference, cohort, team, worker and dates are what the audit
 * needs. Dates are `YYYY-MM-DD` text so they compare the same way on SQLite and PostgreSQL.
 */
@Entity('cases')
@Index(['teamId', 'cohortCode'])
export class Case {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: TEXT_LIMITS.caseRef })
  caseRef: string;

  @ForeignKey('cohorts', { onDelete: 'RESTRICT' })
  @Column({ type: 'varchar', length: TEXT_LIMITS.cohortCode })
  cohortCode: string;

  @ForeignKey('teams', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer' })
  teamId: number;

  @Column({ type: 'varchar', length: TEXT_LIMITS.personName, nullable: true })
  worker: string | null;

  /** The worker's stable key from the register (worker id or e-mail, normalised); see users.worker_key. */
  @Index('IDX_cases_worker_key')
  @Column({ type: 'varchar', length: TEXT_LIMITS.workerKey, nullable: true })
  workerKey: string | null;

  @Column({ type: 'varchar', length: TEXT_LIMITS.personName, nullable: true })
  teamManager: string | null;

  @Column({ type: 'varchar', length: 10 })
  openedOn: string;

  @Index()
  @Column({ type: 'varchar', length: 10, nullable: true })
  closedOn: string | null;

  @UpdatedAtColumn()
  updatedAt: string;
}
