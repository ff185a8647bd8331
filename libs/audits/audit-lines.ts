import type { EntityManager } from 'typeorm';
import { toBoolean } from '../persistence/index.js';
import { Audit } from './audit.entity.js';

/** One audit of a cycle as the cycle document lists it. */
export interface AuditLine {
  auditId: number;
  caseRef: string;
  team: string;
  cohort: string;
  auditor: string | null;
  auditorUsername: string | null;
  auditorRole: string | null;
  tier: number;
  state: string;
  recentlyAudited: boolean;
  unallocatedReason: string | null;
}

/** A cycle's audits, by team, cohort and case reference. */
export async function auditLinesOf(m: EntityManager, cycleId: number): Promise<AuditLine[]> {
  const rows = await m
    .createQueryBuilder()
    .select([
      'a.id AS "auditId"',
      'c.case_ref AS "caseRef"',
      't.name AS "team"',
      'a.cohort_code AS "cohort"',
      'u.display_name AS "auditor"',
      'u.username AS "auditorUsername"',
      'u.role AS "auditorRole"',
      'a.tier AS "tier"',
      'a.state AS "state"',
      'a.recently_audited AS "recentlyAudited"',
      'a.unallocated_reason AS "unallocatedReason"',
    ])
    .from(Audit, 'a')
    .innerJoin('cases', 'c', 'c.id = a.case_id')
    .innerJoin('teams', 't', 't.id = a.team_id')
    .leftJoin('users', 'u', 'u.id = a.auditor_id')
    .where('a.cycle_id = :cycleId', { cycleId })
    .orderBy('t.name')
    .addOrderBy('a.cohort_code')
    .addOrderBy('c.case_ref')
    .getRawMany<AuditLine>();
  return rows.map((r) => ({
    ...r,
    auditId: Number(r.auditId),
    tier: Number(r.tier),
    recentlyAudited: toBoolean(r.recentlyAudited) ?? false,
  }));
}

/** One audit in an auditor's list. */
export interface AllocatedAudit {
  auditId: number;
  cycleId: number;
  caseRef: string;
  team: string;
  cohort: string;
  tier: number;
  state: string;
}

/** The audits a person has been given, by case reference (the caller orders by cycle). */
export async function auditsAllocatedTo(m: EntityManager, userId: number): Promise<AllocatedAudit[]> {
  const rows = await m
    .createQueryBuilder()
    .select([
      'a.id AS "auditId"',
      'a.cycle_id AS "cycleId"',
      'c.case_ref AS "caseRef"',
      't.name AS "team"',
      'a.cohort_code AS "cohort"',
      'a.tier AS "tier"',
      'a.state AS "state"',
    ])
    .from(Audit, 'a')
    .innerJoin('cases', 'c', 'c.id = a.case_id')
    .innerJoin('teams', 't', 't.id = a.team_id')
    .where('a.auditor_id = :userId', { userId })
    .orderBy('c.case_ref')
    .getRawMany<AllocatedAudit>();
  return rows.map((r) => ({
    ...r,
    auditId: Number(r.auditId),
    cycleId: Number(r.cycleId),
    tier: Number(r.tier),
  }));
}
