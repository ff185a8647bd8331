import { Injectable } from '@nestjs/common';
import { cycleMachine } from '../../workflows/cycle.machine.js';
import {
  auditForAllocation,
  auditsAllocatedToQuery,
  isOpenGroup,
  MY_AUDIT_GROUPS,
  type MyAuditGroup,
  reallocateAudit,
  STATES_OF_GROUP,
  withdrawAudit,
} from '../audits/index.js';
import { caseForAllocation } from '../cases/index.js';
import { DomainError, normaliseName, type PageRequest, rawPage } from '../common/index.js';
import { activeUser, AUDITOR_ROLES, TIER3_ROLES } from '../org/index.js';
import { type Actor, Db, WorkflowRunner } from '../persistence/index.js';
import { Cycle } from './cycle.entity.js';
import { requireCycle } from './cycles.service.js';
import { conflictOfInterest } from './rules/conflict-of-interest.js';

/** One of an auditor's audits, as `my/audits` lists it. */
export interface MyAudit {
  auditId: number;
  cycleId: number;
  month: string;
  deadline: string;
  caseRef: string;
  team: string;
  cohort: string;
  tier: number;
  state: string;
}

/** Changes to one selected case's audit after the draw: reallocation and withdrawal. */
@Injectable()
export class AllocationsService {
  constructor(
    private readonly db: Db,
    private readonly workflows: WorkflowRunner,
  ) {}

  /** Gives the audit to another auditor; the cycle's history records who, from whom and why. */
  reallocate(auditId: number, auditorId: number, reason: string, actor: Actor) {
    return this.db.transaction(async (m) => {
      const audit = await auditForAllocation(m, auditId);
      if (!audit) throw DomainError.notFound('audit', auditId);
      const auditor = await activeUser(m, auditorId);
      if (!auditor) throw DomainError.validation('auditorId', `no active user ${auditorId}`);
      const roles = audit.tier === 3 ? [...TIER3_ROLES, ...AUDITOR_ROLES] : AUDITOR_ROLES;
      if (!roles.includes(auditor.role)) {
        throw DomainError.validation(
          'auditorId',
          `a ${auditor.role} does not audit tier ${audit.tier} cases`,
        );
      }
      const theCase = await caseForAllocation(m, audit.caseId);
      const conflict = conflictOfInterest(
        {
          id: auditor.id,
          role: auditor.role,
          teamId: auditor.teamId,
          identities: [normaliseName(auditor.username), normaliseName(auditor.displayName)],
        },
        {
          caseId: theCase.id,
          caseRef: theCase.caseRef,
          teamId: audit.teamId,
          worker: theCase.worker,
          teamManager: theCase.teamManager,
        },
      );
      if (conflict) throw DomainError.validation('auditorId', `${auditor.username} ${conflict}`);
      await reallocateAudit(m, this.workflows, { auditId, auditorId, reason, actor });
      const cycle = await requireCycle(m, { id: audit.cycleId });
      await this.workflows.send(m, {
        machine: cycleMachine,
        entity: Cycle,
        entityType: 'cycle',
        record: cycle,
        event: { type: 'REALLOCATE' },
        actor,
        detail: {
          auditId: audit.id,
          caseRef: theCase.caseRef,
          fromAuditorId: audit.auditorId,
          toAuditorId: auditorId,
          reason,
        },
      });
      return { auditId: audit.id, auditorId, state: 'allocated' };
    });
  }

  /** Takes a case out of the cycle (e.g. it closed before the audit); the reason is required and kept. */
  withdraw(auditId: number, reason: string, actor: Actor) {
    return this.db.transaction(async (m) => {
      if (!(await auditForAllocation(m, auditId))) throw DomainError.notFound('audit', auditId);
      const withdrawn = await withdrawAudit(m, this.workflows, { auditId, reason, actor });
      return { auditId, state: withdrawn.state, withdrawnReason: reason };
    });
  }

  /**
   * The caller's audits, newest cycle first (the audits say which; our cycles give the month).
   * With a group, only that group's: the open ones soonest deadline first, done newest first.
   */
  mine(userId: number, page: PageRequest, group?: MyAuditGroup) {
    return this.db.read((m) => {
      const query = m
        .createQueryBuilder()
        .select([
          'x."auditId" AS "auditId"',
          'x."cycleId" AS "cycleId"',
          'cy.month AS "month"',
          'cy.deadline AS "deadline"',
          'x."caseRef" AS "caseRef"',
          'x.team AS "team"',
          'x.cohort AS "cohort"',
          'x.tier AS "tier"',
          'x.state AS "state"',
        ])
        .from((sub) => auditsAllocatedToQuery(sub, userId), 'x')
        .innerJoin(Cycle, 'cy', 'cy.id = x."cycleId"');
      if (group) query.where('x.state IN (:...states)', { states: STATES_OF_GROUP[group] });
      if (group && isOpenGroup(group)) query.orderBy('cy.deadline', 'ASC');
      else query.orderBy('cy.month', 'DESC');
      return rawPage(m, query.addOrderBy('x."caseRef"').addOrderBy('x."auditId"'), page, (row: MyAudit) => ({
        ...row,
        auditId: Number(row.auditId),
        cycleId: Number(row.cycleId),
        tier: Number(row.tier),
      }));
    });
  }

  /** How many of the caller's audits are in each group (one GROUP BY over their states). */
  myCounts(userId: number): Promise<Record<MyAuditGroup, number>> {
    return this.db.read(async (m) => {
      const rows = await m
        .createQueryBuilder()
        .select('x.state', 'state')
        .addSelect('COUNT(*)', 'n')
        .from((sub) => auditsAllocatedToQuery(sub, userId), 'x')
        .groupBy('x.state')
        .getRawMany<{ state: string; n: number | string }>();
      const counts = Object.fromEntries(MY_AUDIT_GROUPS.map((g) => [g, 0])) as Record<MyAuditGroup, number>;
      for (const { state, n } of rows) {
        const group = MY_AUDIT_GROUPS.find((g) => STATES_OF_GROUP[g].includes(state));
        if (group) counts[group] += Number(n);
      }
      return counts;
    });
  }
}
