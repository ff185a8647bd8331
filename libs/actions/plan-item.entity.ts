import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../persistence/index.js';

export const PLAN_SOURCES = ['improvement_plan', 'inspection_recommendation'] as const;
export type PlanSource = (typeof PLAN_SOURCES)[number];

/** An improvement-plan item or an inspection recommendation that actions can cite. */
@Entity('plan_items')
export class PlanItem {
  @PrimaryGeneratedColumn()
  id: number;

  /** The council's own reference, for example IP-3.2 or REC-4; unique. */
  @Column({ type: 'varchar', length: 30, unique: true })
  reference: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 30 })
  source: PlanSource;

  /** Who answers for the item, as the plan names them (a person or a role). */
  @Column({ type: 'varchar', length: 120 })
  owner: string;

  /** The optimistic lock of an edit: the version the editor read, or 409. */
  @VersionColumn({ default: 1 })
  version: number;

  @CreatedAtColumn()
  createdAt: string;

  @UpdatedAtColumn()
  updatedAt: string;
}
