import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../persistence/index.js';

/** Who loaded which register when, and what it changed: the register's own audit trail. */
@Entity('import_runs')
export class ImportRun {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20 })
  format: string;

  @Column({ type: 'varchar', length: 500 })
  files: string;

  @Column({ type: 'varchar', length: 10 })
  asOf: string;

  @Column({ type: 'boolean' })
  full: boolean;

  @Column({ type: 'integer' })
  imported: number;

  @Column({ type: 'integer' })
  updated: number;

  @Column({ type: 'integer' })
  closed: number;

  @Column({ type: 'integer' })
  unchanged: number;

  @Column({ type: 'integer' })
  rejected: number;

  @Column({ type: 'varchar', length: 120 })
  actor: string;

  @CreatedAtColumn()
  createdAt: string;
}
