import { Injectable } from '@nestjs/common';
import { appliesTo } from '../audit-tools/audit-tool-definition.js';
import { actorOf, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { AccessRecord } from './access-record.entity.js';
import { User } from '../org/user.entity.js';
import { Db } from '../persistence/db.service.js';
import { WorkflowRunner } from '../persistence/workflow-runner.service.js';
import { AuditCompliance } from './audit-compliance.entity.js';
import { AuditDomainGrade } from './audit-grade.entity.js';
import { loadAudit } from './audit-record.js';
import { Cycle } from '../cycles/cycle.entity.js';
import { Moderation } from './moderation.entity.js';
import { Escalation } from './escalation.entity.js';

/** One audit as its reader may see it: the case team never sees the auditor's working draft. */
@Injectable()
export class AuditViewService {
  constructor(
    private readonly db: Db,
    private readonly workflows: WorkflowRunner,
  ) {}

  /** `user` null means the operator's CLI, which sees everything. Every read is recorded. */
  async show(id: number, user: AuthenticatedUser | null) {
    const view = await this.read(id, user);
    await this.db.transaction((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(AccessRecord)
        .values({
          entityType: 'audit',
          entityId: id,
          userId: user?.id ?? null,
          actorLabel: user ? actorOf(user).label : 'cli',
        })
        .updateEntity(false)
        .execute(),
    );
    return view;
  }

  /** Who has read the audit, newest first. */
  accessLog(id: number) {
    return this.db.read(async (m) => {
      await loadAudit(m, id, null);
      return m.find(AccessRecord, {
        select: { userId: true, actorLabel: true, at: true },
        where: { entityType: 'audit', entityId: id },
        order: { id: 'DESC' },
      });
    });
  }

  private read(id: number, user: AuthenticatedUser | null) {
    return this.db.read(async (m) => {
      const record = await loadAudit(m, id, user);
      const { audit, tool } = record;
      const cycle = await m.findOneByOrFail(Cycle, { id: audit.cycleId });
      const moderation = await m.findOneBy(Moderation, { auditId: id });
      const auditor = audit.auditorId ? await m.findOneBy(User, { id: audit.auditorId }) : null;
      const cohort = audit.cohortCode;
      return {
        id: audit.id,
        version: audit.version,
        state: audit.state,
        cycle: { id: cycle.id, kind: cycle.kind, month: cycle.month, deadline: cycle.deadline },
        caseRef: record.caseRef,
        team: record.teamName,
        cohort,
        tier: audit.tier,
        auditor: auditor ? { id: auditor.id, name: auditor.displayName, role: auditor.role } : null,
        tool: tool && {
          id: tool.id,
          key: tool.key,
          version: tool.version,
          title: tool.title,
          domains: tool.definition.domains.filter((d) => appliesTo(d, cohort)),
          compliance: tool.definition.compliance.filter((i) => appliesTo(i, cohort)),
        },
        draft: record.access === 'full' ? audit.draft : undefined,
        overallGrade: audit.overallGrade,
        overallRationale: audit.overallRationale,
        improved: audit.improved,
        startedAt: audit.startedAt,
        submittedAt: audit.submittedAt,
        completedAt: audit.completedAt,
        withdrawnReason: audit.withdrawnReason,
        grades: await m.find(AuditDomainGrade, {
          where: { auditId: id },
          order: { source: 'ASC', id: 'ASC' },
        }),
        compliance: await m.find(AuditCompliance, { where: { auditId: id }, order: { id: 'ASC' } }),
        discussion: audit.discussion,
        familyFeedback: audit.familyFeedback,
        escalations: await m.find(Escalation, {
          select: {
            id: true,
            reason: true,
            state: true,
            raisedAt: true,
            acknowledgedAt: true,
            acknowledgedBy: true,
          },
          where: { auditId: id },
          order: { id: 'ASC' },
        }),
        moderation: moderation && {
          moderatorId: moderation.moderatorId,
          auditorGrade: moderation.auditorGrade,
          overallGrade: moderation.overallGrade,
          agreed: moderation.agreed,
          comment: moderation.comment,
          moderatedAt: moderation.moderatedAt,
        },
        history: await this.workflows.history(m, 'audit', id, {
          event: true,
          fromState: true,
          toState: true,
          actorLabel: true,
          at: true,
        }),
      };
    });
  }
}
