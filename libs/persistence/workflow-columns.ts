import { Column, VersionColumn } from 'typeorm';

/**
 * The columns of an entity whose lifecycle is a persisted xstate machine: which machine and
 * version wrote the snapshot, the state as a queryable column, the snapshot itself, and the
 * optimistic-lock version the workflow runner checks on every transition.
 */
export abstract class WorkflowColumns {
  @Column({ type: 'varchar', length: 60 })
  machineId: string;

  @Column({ type: 'varchar', length: 20 })
  machineVersion: string;

  @Column({ type: 'varchar', length: 40 })
  state: string;

  @Column({ type: 'simple-json' })
  snapshot: unknown;

  @VersionColumn()
  version: number;
}
