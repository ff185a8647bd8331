import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who read which audit when: children's records must show who looked at them. Append-only. */
@Entity('access_records')
@Index(['entityType', 'entityId'])
export class AccessRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 30 })
  entityType: string;

  @Column({ type: 'integer' })
  entityId: number;

  /** Null for the operator's command line. */
  @Column({ type: 'integer', nullable: true })
  userId: number | null;

  @Column({ type: 'varchar', length: 120 })
  actorLabel: string;

  @CreateDateColumn()
  at: Date;
}
