import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../persistence/index.js';

import { WorkflowColumns } from '../persistence/index.js';
import type { Discussion, FamilyFeedback, AuditDraft } from '../../workflows/audit-draft.js';

/**
 * One selected case in one cycle. Team and cohort are copied from the case at selection, so a
 * later move between teams does not rewrite which stratum the case was drawn from.
 */
@Entity('audits')
@Index(['cycleId', 'caseId'], { unique: true })
@Index(['auditorId', 'state'])
@Index(['cycleId', 'state'])
// A cycle's audits in list order, and its strata counted from the index alone.
@Index(['cycleId', 'caseRef'])
@Index(['cycleId', 'teamId', 'cohortCode'])
@Index(['cycleId', 'state', 'auditorId'])
// The oversight list's filters (a locality is its teams).
@Index(['teamId', 'state'])
@Index(['cohortCode'])
@Index(['state'])
@Index(['overallGrade'])
/** Its state is the audit machine's: unallocated, allocated, inProgress, … closed, withdrawn. */
export class Audit extends WorkflowColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey('cycles', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer' })
  cycleId: number;

  @Index()
  @ForeignKey('cases', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer' })
  caseId: number;

  /**
   * The case's reference, copied at selection: a cycle's audits are listed and paged by it.
   * Every insert writes it; the default exists only because SQLite cannot add a NOT NULL
   * column to a filled table without one.
   */
  @Column({ type: 'varchar', length: 64, default: '' })
  caseRef: string;

  @ForeignKey('teams', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer' })
  teamId: number;

  @ForeignKey('cohorts', { onDelete: 'RESTRICT' })
  @Column({ type: 'varchar', length: 20 })
  cohortCode: string;

  /** The seeded rank key the case was drawn with, kept so anyone can check the draw. */
  @Column({ type: 'varchar', length: 64 })
  selectionRank: string;

  @Column({ type: 'boolean', default: false })
  recentlyAudited: boolean;

  @Column({ type: 'integer' })
  tier: number;

  @ForeignKey('users', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer', nullable: true })
  auditorId: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  unallocatedReason: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  withdrawnReason: string | null;

  /** The audit tool version the audit was started with; it keeps it whatever is published later. */
  @ForeignKey('audit_tools', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer', nullable: true })
  toolId: number | null;

  /** The auditor's work in progress, replaced whole by each save. */
  @Column({ type: 'simple-json', nullable: true })
  draft: AuditDraft | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  overallGrade: string | null;

  @Column({ type: 'text', nullable: true })
  overallRationale: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  improved: string | null;

  @Column({ type: 'boolean', nullable: true })
  discussionHappened: boolean | null;

  @Column({ type: 'simple-json', nullable: true })
  discussion: Discussion | null;

  @Column({ type: 'simple-json', nullable: true })
  familyFeedback: FamilyFeedback | null;

  @ForeignKey('users', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer', nullable: true })
  moderatorId: number | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  startedAt: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  submittedAt: string | null;

  @Index()
  @Column({ type: 'varchar', length: 30, nullable: true })
  completedAt: string | null;

  @CreatedAtColumn()
  createdAt: string;

  @UpdatedAtColumn()
  updatedAt: string;
}
