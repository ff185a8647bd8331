import type { EntityManager } from 'typeorm';
import { AuditTool } from '../audit-tools/audit-tool.entity.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { Audit } from '../cycles/audit.entity.js';
import { Cycle } from '../cycles/cycle.entity.js';
import { auditAccess, type AuditAccess } from './audit-access.js';
import { Moderation } from './moderation.entity.js';

/** An audit with what commands and views need around it: its case, team, cycle and tool. */
export interface AuditRecord {
  audit: Audit;
  cycle: Cycle;
  caseRef: string;
  worker: string | null;
  teamName: string;
  localityId: number | null;
  tool: AuditTool | null;
  moderation: Moderation | null;
  access: AuditAccess;
}

export async function loadAudit(
  m: EntityManager,
  id: number,
  user: AuthenticatedUser | null,
): Promise<AuditRecord> {
  const audit = await m.findOneBy(Audit, { id });
  if (!audit) throw DomainError.notFound('audit', id);
  const [facts] = await m
    .createQueryBuilder()
    .select([
      'c.case_ref AS "caseRef"',
      'c.worker AS "worker"',
      't.name AS "teamName"',
      't.locality_id AS "localityId"',
    ])
    .from('cases', 'c')
    .innerJoin('teams', 't', 't.id = :teamId', { teamId: audit.teamId })
    .where('c.id = :caseId', { caseId: audit.caseId })
    .getRawMany<{ caseRef: string; worker: string | null; teamName: string; localityId: number | null }>();
  const moderation = await m.findOneBy(Moderation, { auditId: id });
  const localityId = facts.localityId === null ? null : Number(facts.localityId);
  const access = user
    ? auditAccess(user, {
        state: audit.state,
        auditorId: audit.auditorId,
        moderatorId: moderation?.moderatorId ?? null,
        teamId: audit.teamId,
        localityId,
        worker: facts.worker,
      })
    : 'full';
  // Existence itself is sensitive: someone with no part in the audit cannot tell it from a missing one.
  if (access === 'none') throw DomainError.notFound('audit', id);
  if (access === 'not-yet') {
    throw new DomainError(ErrorCode.Forbidden, 'the case team can read the audit once it is submitted');
  }
  return {
    audit,
    cycle: await m.findOneByOrFail(Cycle, { id: audit.cycleId }),
    caseRef: facts.caseRef,
    worker: facts.worker,
    teamName: facts.teamName,
    localityId,
    tool: audit.toolId === null ? null : await m.findOneByOrFail(AuditTool, { id: audit.toolId }),
    moderation,
    access,
  };
}

/** Only the allocated auditor changes an audit's grades, discussion or feedback. */
export function requireAuditor(record: AuditRecord, user: AuthenticatedUser): void {
  if (record.audit.auditorId !== user.id) {
    throw new DomainError(ErrorCode.Forbidden, 'only the allocated auditor can change this audit', {
      rule: 'allocated-auditor-only',
    });
  }
}
