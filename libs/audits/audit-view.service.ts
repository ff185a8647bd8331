import { Injectable } from '@nestjs/common';
import { appliesTo, type AuditToolDefinition } from '../../workflows/audit-tool-definition.js';
import type { AuditContext } from '../../workflows/audit.machine.js';
import { AuditToolsService } from '../audit-tools/index.js';
import { actorOf, type AuthenticatedUser } from '../auth/index.js';
import { type Page, type PageRequest, entityPage, rawPage } from '../common/index.js';
import { AccessRecord } from './access-record.entity.js';
import { CASE_TEAM_READABLE_STATES, readableBy } from './audit-access.js';
import { userById } from '../org/index.js';
import { AuditCycles } from './audit-cycles.port.js';
import { Db } from '../persistence/index.js';
import { type HistoryRow, WorkflowRunner } from '../persistence/index.js';
import { AuditCompliance } from './audit-compliance.entity.js';
import { AuditDomainGrade } from './audit-grade.entity.js';
import { auditsWithCaseAndTeam } from './audit-lines.js';
import { loadAudit } from './audit-record.js';
import { withOwnerNames } from './action-owner-choices.js';
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
    private readonly cycles: AuditCycles,
    private readonly tools: AuditToolsService,
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

  /** The audit as `show` gives it, without recording a read: for a form its reader just sent. */
  current(id: number, user: AuthenticatedUser) {
    return this.read(id, user);
  }

  /** Who has read the audit, newest first; an audit the reader may not read is not found. */
  accessLog(id: number, page: PageRequest, user: AuthenticatedUser) {
    return this.db.read(async (m) => {
      await loadAudit(m, id, user, this.cycles);
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
   * The audits a social worker may read of their own cases (the register's worker key on the
   * case is theirs, and the audit is in a state the case team may read), newest submission
   * first: the one read rule, matched and paged in SQL.
   */
  forCaseWorker(user: AuthenticatedUser, page: PageRequest): Promise<Page<CaseWorkerAudit>> {
    return this.db.read(async (m) => {
      const query = auditsWithCaseAndTeam(m.createQueryBuilder(), [
        'a.overall_grade AS "overallGrade"',
        'a.submitted_at AS "submittedAt"',
        'a.completed_at AS "completedAt"',
      ])
        .where('a.state IN (:...states)', { states: CASE_TEAM_READABLE_STATES })
        .orderBy('a.submitted_at', 'DESC')
        .addOrderBy('a.id', 'DESC');
      readableBy(query, user);
      const found = await rawPage(m, query, page, (row: Omit<CaseWorkerAudit, 'month'>) => ({
        ...row,
        auditId: Number(row.auditId),
        cycleId: Number(row.cycleId),
      }));
      // The month is the cycle's (read through the cycles port, once per cycle).
      const items: CaseWorkerAudit[] = [];
      for (const { auditId, cycleId, ...rest } of found.items) {
        items.push({ auditId, cycleId, month: (await this.cycles.cycleOf(m, cycleId)).month, ...rest });
      }
      return { ...found, items };
    });
  }

  private read(id: number, user: AuthenticatedUser | null) {
    return this.db.read(async (m) => {
      const record = await loadAudit(m, id, user, this.cycles);
      const { audit, tool, cycle } = record;
      const moderation = await m.findOneBy(Moderation, { auditId: id });
      const auditor = audit.auditorId ? await userById(m, audit.auditorId) : null;
      const cohort = audit.cohortCode;
      const forCohort = (definition: AuditToolDefinition) => ({
        domains: definition.domains.filter((d) => appliesTo(d, cohort)),
        compliance: definition.compliance.filter((i) => appliesTo(i, cohort)),
      });
      // Before the start no tool is pinned: the one the start would pin, so the auditor can prepare.
      const upcoming =
        tool || audit.state !== 'allocated'
          ? null
          : await (
              cycle.auditToolId
                ? this.tools.toolForAudit(m, cycle.auditToolId)
                : this.tools.currentPublished(m)
            ).catch(() => null);
      return {
        id: audit.id,
        version: audit.version,
        state: audit.state,
        cycle: { id: cycle.id, kind: cycle.kind, month: cycle.month, deadline: cycle.deadline },
        caseRef: record.caseRef,
        worker: record.worker,
        team: record.teamName,
        cohort,
        tier: audit.tier,
        auditor: auditor ? { id: auditor.id, name: auditor.displayName, role: auditor.role } : null,
        tool: tool && {
          id: tool.id,
          key: tool.key,
          version: tool.version,
          title: tool.title,
          ...forCohort(tool.definition),
        },
        upcomingTool: upcoming && {
          id: upcoming.id,
          version: upcoming.version,
          title: upcoming.title,
          ...forCohort(upcoming.definition),
        },
        draft: record.access === 'full' ? audit.draft : undefined,
        overallGrade: audit.overallGrade,
        overallRationale: audit.overallRationale,
        improved: audit.improved,
        startedAt: audit.startedAt,
        submittedAt: audit.submittedAt,
        completedAt: audit.completedAt,
        updatedAt: audit.updatedAt,
        withdrawnReason: audit.withdrawnReason,
        grades: await m.find(AuditDomainGrade, {
          where: { auditId: id },
          order: { source: 'ASC', id: 'ASC' },
        }),
        compliance: await m.find(AuditCompliance, { where: { auditId: id }, order: { id: 'ASC' } }),
        discussion: audit.discussion,
        // False again once grading is reopened: the changed grades must be discussed again.
        discussionRecorded: Boolean(
          (audit.snapshot as { context?: AuditContext }).context?.discussionRecorded,
        ),
        // Part of the findings: the case team, who read the audit only once submitted, carry them out.
        proposedActions: await withOwnerNames(m, audit.draft?.actions ?? []),
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
        history: historyShown(
          await this.workflows.history(m, 'audit', id, {
            event: true,
            fromState: true,
            toState: true,
            actorLabel: true,
            at: true,
            detail: true,
          }),
        ),
      };
    });
  }
}

/**
 * The history as the audit's readers see it. Of a row's detail they see `earlier` (the version of
 * the feedback or discussion a change replaced, which the same readers could read before it
 * changed) and a reallocation's or withdrawal's reason and who it moved from: the reallocation
 * form tells the person typing the reason that everyone who may read the audit reads it.
 */
function historyShown(rows: HistoryRow[]): ShownHistoryRow[] {
  return rows.map(({ detail, ...row }) => {
    const shown: ShownHistoryRow = { ...row };
    if (typeof detail?.reason === 'string' || detail?.fromAuditorId != null) {
      shown.detail = { reason: detail.reason ?? null, fromAuditorId: detail.fromAuditorId ?? null };
    }
    const earlier = detail?.earlier;
    if (earlier && typeof earlier === 'object') shown.earlier = earlier as Record<string, unknown>;
    return shown;
  });
}

export type ShownHistoryRow = Omit<HistoryRow, 'detail'> & {
  detail?: { reason: unknown; fromAuditorId: unknown };
  earlier?: Record<string, unknown>;
};
