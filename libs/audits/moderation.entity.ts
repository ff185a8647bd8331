import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A moderator's re-grade of one audit, kept beside the auditor's judgement. */
@Entity('moderations')
// A moderator's queue: their moderations not yet done.
@Index(['moderatorId', 'moderatedAt'])
export class Moderation {
  @PrimaryGeneratedColumn()
  id: number;

  @ForeignKey('audits', { onDelete: 'CASCADE' })
  @Column({ type: 'integer', unique: true })
  auditId: number;

  @ForeignKey('users', { onDelete: 'RESTRICT' })
  @Column({ type: 'integer' })
  moderatorId: number;

  /** The auditor's overall grade as it stood when moderated. */
  @Column({ type: 'varchar', length: 30 })
  auditorGrade: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  overallGrade: string | null;

  @Column({ type: 'boolean', nullable: true })
  agreed: boolean | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  moderatedAt: string | null;

  @Column({ type: 'varchar', length: 30 })
  assignedAt: string;
}
