import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export type AuditStatus = 'allocated' | 'unallocated' | 'withdrawn' | 'completed';

/**
 * One selected case in one cycle. Team and cohort are copied from the case at selection, so a
 * later move between teams does not rewrite which stratum the case was drawn from.
 */
@Entity('audits')
@Index(['cycleId', 'caseId'], { unique: true })
@Index(['auditorId', 'status'])
export class Audit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  cycleId: number;

  @Index()
  @Column({ type: 'integer' })
  caseId: number;

  @Column({ type: 'integer' })
  teamId: number;

  @Column({ type: 'varchar', length: 20 })
  cohortCode: string;

  /** The seeded rank key the case was drawn with, kept so anyone can check the draw. */
  @Column({ type: 'varchar', length: 64 })
  selectionRank: string;

  @Column({ type: 'boolean', default: false })
  recentlyAudited: boolean;

  @Column({ type: 'integer' })
  tier: number;

  @Column({ type: 'integer', nullable: true })
  auditorId: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  unallocatedReason: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: AuditStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  withdrawnReason: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
