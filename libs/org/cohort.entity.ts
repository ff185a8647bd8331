import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TEXT_LIMITS } from '../common/index.js';

/**
 * A case type (CIN, CP, CLA, CL, and any an administrator adds). `specificity` decides which
 * cohort wins when one child appears on several lists: the higher, the more specific.
 */
@Entity('cohorts')
export class Cohort {
  @PrimaryColumn({ type: 'varchar', length: TEXT_LIMITS.cohortCode })
  code: string;

  @Column({ type: 'varchar', length: TEXT_LIMITS.cohortTitle })
  title: string;

  @Column({ type: 'integer', default: 0 })
  specificity: number;
}
