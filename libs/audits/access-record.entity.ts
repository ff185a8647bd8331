import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../persistence/index.js';

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
  @Index()
  @ForeignKey('users', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer', nullable: true })
  userId: number | null;

  @Column({ type: 'varchar', length: 120 })
  actorLabel: string;

  @CreatedAtColumn()
  at: string;
}
