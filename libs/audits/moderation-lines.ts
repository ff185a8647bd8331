import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../auth/index.js';
import { REGISTER_SQL as R } from '../cases/index.js';
import { ORG_SQL as O } from '../org/index.js';
import { toBoolean } from '../persistence/index.js';
import { readableBy } from './audit-access.js';

/** One audit sent to a moderator, as their lists show it. */
export interface ModerationLine {
  auditId: number;
  caseRef: string;
  cohort: string;
  version: number;
  auditor: string | null;
  /** The auditor's overall grade, as it stood when the audit was sent. */
  auditorGrade: string;
  assignedAt: string;
  /** The moderator's overall grade and whether it agreed; null until moderated. */
  overallGrade: string | null;
  agreed: boolean | null;
  moderatedAt: string | null;
}

/** The moderations sent to `user`, with the case and the auditor, within the one read rule. */
export function moderationLinesQuery(m: EntityManager, user: AuthenticatedUser) {
  const query = m
    .createQueryBuilder()
    .select([
      'mo.audit_id AS "auditId"',
      `c.${R.caseRef} AS "caseRef"`,
      'a.cohort_code AS "cohort"',
      'a.version AS "version"',
      `u.${O.userDisplayName} AS "auditor"`,
      'mo.auditor_grade AS "auditorGrade"',
      'mo.assigned_at AS "assignedAt"',
      'mo.overall_grade AS "overallGrade"',
      'mo.agreed AS "agreed"',
      'mo.moderated_at AS "moderatedAt"',
    ])
    .from('moderations', 'mo')
    .innerJoin('audits', 'a', 'a.id = mo.audit_id')
    .innerJoin(R.cases, 'c', `c.${R.id} = a.case_id`)
    .leftJoin(O.users, 'u', `u.${O.userId} = a.auditor_id`)
    .where('mo.moderator_id = :id', { id: user.id });
  return readableBy(query, user);
}

export function toModerationLine(row: ModerationLine): ModerationLine {
  return {
    ...row,
    auditId: Number(row.auditId),
    version: Number(row.version),
    agreed: toBoolean(row.agreed),
  };
}
