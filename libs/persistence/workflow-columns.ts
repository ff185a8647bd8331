import { Column, VersionColumn } from 'typeorm';

/**
 * The columns of an entity whose lifecycle is a persisted xstate machine: which machine and
 * version wrote the snapshot, the state as a queryable column, and the snapshot itself.
 */
export abstract class WorkflowStateColumns {
  @Column({ type: 'varchar', length: 60 })
  machineId: string;

  @Column({ type: 'varchar', length: 20 })
  machineVersion: string;

  @Column({ type: 'varchar', length: 40 })
  state: string;

  @Column({ type: 'simple-json' })
  snapshot: unknown;
}

/**
 * The workflow columns with the optimistic-lock `version` the workflow runner checks on every
 * transition. (An entity that already uses `version` for something else, as audit tools do for
 * their number, extends WorkflowStateColumns and names its own lock column.)
 */
export abstract class WorkflowColumns extends WorkflowStateColumns {
  @VersionColumn()
  version: number;
}
