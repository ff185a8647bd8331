import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export type GradeSource = 'auditor' | 'moderator';

/**
 * One domain's grade, one row each, so reports can count grades by domain in SQL. A
 * moderator's grade is a row of its own beside the auditor's, never over it.
 */
@Entity('audit_domain_grades')
@Index(['auditId', 'source', 'domainKey'], { unique: true })
@Index(['domainKey', 'grade'])
export class AuditDomainGrade {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey('audits', { onDelete: 'CASCADE' })
  @Column({ type: 'integer' })
  auditId: number;

  @Column({ type: 'varchar', length: 12 })
  source: GradeSource;

  @Column({ type: 'varchar', length: 60 })
  domainKey: string;

  @Column({ type: 'varchar', length: 30 })
  grade: string;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;
}
