import { Column, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import { TEXT_LIMITS } from '../common/index.js';

@Entity('teams')
export class Team {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: TEXT_LIMITS.teamName, unique: true })
  name: string;

  @ForeignKey('localities', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer', nullable: true })
  localityId: number | null;

  /** The cohort the team specialises in, if any. */
  @ForeignKey('cohorts', { onDelete: 'RESTRICT' })
  @Column({ type: 'varchar', length: TEXT_LIMITS.cohortCode, nullable: true })
  cohortCode: string | null;

  /** The catch-all team for register rows whose team is blank or unknown. */
  @Column({ type: 'boolean', default: false })
  isUnallocated: boolean;
}
