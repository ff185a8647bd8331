import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A case type (CIN, CP, CLA, CL, and any an administrator adds). `specificity` decides which
 * cohort wins when one child appears on several lists: the higher, the more specific.
 */
@Entity('cohorts')
export class Cohort {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'integer', default: 0 })
  specificity: number;
}
