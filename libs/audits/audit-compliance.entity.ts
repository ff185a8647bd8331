import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One compliance item's answer for a submitted audit: met, not met or not applicable. */
@Entity('audit_compliance')
@Index(['auditId', 'itemKey'], { unique: true })
export class AuditCompliance {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey('audits', { onDelete: 'CASCADE' })
  @Column({ type: 'integer' })
  auditId: number;

  @Column({ type: 'varchar', length: 60 })
  itemKey: string;

  @Column({ type: 'varchar', length: 20 })
  answer: string;
}
