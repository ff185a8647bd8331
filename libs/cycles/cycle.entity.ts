import { WorkflowColumns } from '../persistence/index.js';
import { Column, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../persistence/index.js';

export type CycleKind = 'monthly' | 'themed';

export interface CycleFilter {
  cohorts?: string[];
  teams?: string[];
  localities?: string[];
}

export interface CycleStratum {
  team: string;
  cohort: string;
  open: number;
  eligible: number;
  quota: number;
  selected: number;
}

@Entity('cycles')
export class Cycle extends WorkflowColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 10 })
  kind: CycleKind;

  @Column({ type: 'varchar', length: 7 })
  month: string;

  /** The month for monthly cycles, null for themed ones: a unique key, one monthly cycle a month. */
  @Column({ type: 'varchar', length: 7, nullable: true, unique: true })
  monthlyKey: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 10 })
  asOf: string;

  @Column({ type: 'varchar', length: 10 })
  deadline: string;

  @Column({ type: 'float' })
  rate: number;

  @Column({ type: 'integer', nullable: true })
  sampleCount: number | null;

  @Column({ type: 'varchar', length: 64 })
  seed: string;

  @Column({ type: 'integer' })
  excludeMonths: number;

  @Column({ type: 'integer' })
  tier3Count: number;

  @Column({ type: 'simple-json' })
  filter: CycleFilter;

  /** The audit tool this cycle's audits use; null means the published standard tool. */
  @ForeignKey('audit_tools', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer', nullable: true })
  auditToolId: number | null;

  /** Share of submitted audits sent to moderation; null (cycles opened before moderation) means 10%. */
  @Column({ type: 'float', nullable: true })
  moderationRate: number | null;

  /** Per stratum (team × cohort): open, eligible, exact quota and selected, as drawn. */
  @Column({ type: 'simple-json' })
  strata: CycleStratum[];

  @Column({ type: 'varchar', length: 120 })
  createdBy: string;

  @CreatedAtColumn()
  createdAt: string;

  @UpdatedAtColumn()
  updatedAt: string;
}
