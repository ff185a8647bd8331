import { Column, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';

@Entity('teams')
export class Team {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 120, unique: true })
  name: string;

  @ForeignKey('localities', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer', nullable: true })
  localityId: number | null;

  /** The cohort the team specialises in, if any. */
  @ForeignKey('cohorts', { onDelete: 'RESTRICT' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  cohortCode: string | null;

  /** The catch-all team for register rows whose team is blank or unknown. */
  @Column({ type: 'boolean', default: false })
  isUnallocated: boolean;
}
