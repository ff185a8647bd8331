import { Injectable } from '@nestjs/common';
import { appliesTo } from '../audit-tools/audit-tool-definition.js';
import { actorOf, type AuthenticatedUser } from '../auth/authenticated-user.js';
import { type Page, type PageRequest, entityPage, rawPage } from '../common/paging.js';
import { AccessRecord } from './access-record.entity.js';
import { CASE_TEAM_READABLE_STATES, isCaseWorker } from './audit-access.js';
import { User } from '../org/user.entity.js';
import { Db } from '../persistence/db.service.js';
import { WorkflowRunner } from '../persistence/workflow-runner.service.js';
import { AuditCompliance } from './audit-compliance.entity.js';
import { AuditDomainGrade } from './audit-grade.entity.js';
import { loadAudit } from './audit-record.js';
import { Cycle } from '../cycles/cycle.entity.js';
import { Moderation } from './moderation.entity.js';
import { Escalation } from './escalation.entity.js';

export interface CaseWorkerAudit {
  auditId: number;
  cycleId: number;
  month: string;
  caseRef: string;
  team: string;
  cohort: string;
  state: string;
  overallGrade: string | null;
  submittedAt: string | null;
  completedAt: string | null;
}

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
  accessLog(id: number, page: PageRequest) {
    return this.db.read(async (m) => {
      await loadAudit(m, id, null);
      return entityPage(
        m,
        AccessRecord,
        {
          select: { userId: true, actorLabel: true, at: true },
          where: { entityType: 'audit', entityId: id },
          order: { id: 'DESC' },
        },
        page,
      );
    });
  }

  /**
   * The audits a social worker may read of their own cases (the register names them the worker,
   * and the audit is in a state the case team may read), newest submission first. The worker's
   * names are matched exactly as the access check matches them, then the page is cut in SQL.
   */
  forCaseWorker(user: AuthenticatedUser, page: PageRequest): Promise<Page<CaseWorkerAudit>> {
    return this.db.read(async (m) => {
      const workers = await m
        .createQueryBuilder()
        .select('DISTINCT c.worker', 'worker')
        .from('cases', 'c')
        .where('c.worker IS NOT NULL')
        .getRawMany<{ worker: string }>();
      const names = workers.map((w) => w.worker).filter((worker) => isCaseWorker(user, worker));
      const query = m
        .createQueryBuilder()
        .select([
          'a.id AS "auditId"',
          'cy.id AS "cycleId"',
          'cy.month AS "month"',
          'c.case_ref AS "caseRef"',
          't.name AS "team"',
          'a.cohort_code AS "cohort"',
          'a.state AS "state"',
          'a.overall_grade AS "overallGrade"',
          'a.submitted_at AS "submittedAt"',
          'a.completed_at AS "completedAt"',
        ])
        .from('audits', 'a')
        .innerJoin('cycles', 'cy', 'cy.id = a.cycle_id')
        .innerJoin('cases', 'c', 'c.id = a.case_id')
        .innerJoin('teams', 't', 't.id = a.team_id')
        .where('a.state IN (:...states)', { states: CASE_TEAM_READABLE_STATES })
        .andWhere(names.length ? 'c.worker IN (:...names)' : '1 = 0', { names })
        .orderBy('a.submitted_at', 'DESC')
        .addOrderBy('a.id', 'DESC');
      return rawPage(m, query, page, (row: CaseWorkerAudit) => ({
        ...row,
        auditId: Number(row.auditId),
        cycleId: Number(row.cycleId),
      }));
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
            response: true,
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
