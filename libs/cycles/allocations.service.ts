import { Injectable } from '@nestjs/common';
import { cycleMachine } from '../../workflows/cycle.machine.js';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../auth/index.js';
import {
  type AuditForAllocation,
  auditForAllocation,
  type AuditLine,
  auditLinesQuery,
  auditorLoads,
  auditsAllocatedToQuery,
  isOpenGroup,
  MY_AUDIT_GROUPS,
  type MyAuditGroup,
  reallocateAudit,
  STATES_OF_GROUP,
  SYSTEM_ACTOR,
  toAuditLine,
  withdrawAudit,
  AuditCycles,
} from '../audits/index.js';
import { caseForAllocation, type CaseForAllocationRow } from '../cases/index.js';
import { DomainError, normaliseName, type PageRequest, rawPage } from '../common/index.js';
import {
  activeUser,
  activeUsersInRoles,
  AUDITOR_ROLES,
  type OrgUser,
  type Role,
  TIER3_ROLES,
} from '../org/index.js';
import { type Actor, Db, WorkflowRunner } from '../persistence/index.js';
import { Cycle } from './cycle.entity.js';
import { requireCycle } from './cycles.service.js';
import { conflictOfInterest } from './rules/conflict-of-interest.js';
import { type Reallocation, reallocationsOf } from './reallocation-history.js';

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

/** An auditor who may take an audit, with the audits they already hold. */
export interface EligibleAuditor {
  id: number;
  username: string;
  displayName: string;
  role: string;
  openAudits: number;
}

export interface EligibleAuditors {
  audit: AuditLine & { cycleId: number };
  auditors: EligibleAuditor[];
  /** The audit's earlier reallocations, oldest first, each with its reason. */
  reallocations: Reallocation[];
}

/** Tier 3 audits go to heads of service and the director, or to the main pool when none may. */
function rolesFor(tier: number): readonly Role[] {
  return tier === 3 ? [...TIER3_ROLES, ...AUDITOR_ROLES] : AUDITOR_ROLES;
}

function conflictOf(
  auditor: Pick<OrgUser, 'id' | 'role' | 'teamId' | 'username' | 'displayName' | 'workerKey'>,
  audit: AuditForAllocation,
  theCase: CaseForAllocationRow,
) {
  return conflictOfInterest(
    {
      id: auditor.id,
      role: auditor.role,
      teamId: auditor.teamId,
      identities: [normaliseName(auditor.username), normaliseName(auditor.displayName)],
      workerKey: auditor.workerKey,
    },
    {
      caseId: theCase.id,
      caseRef: theCase.caseRef,
      teamId: audit.teamId,
      worker: theCase.worker,
      workerKey: theCase.workerKey,
      teamManager: theCase.teamManager,
    },
  );
}

/** Changes to one selected case's audit after the draw: reallocation and withdrawal. */
@Injectable()
export class AllocationsService {
  constructor(
    private readonly db: Db,
    private readonly workflows: WorkflowRunner,
    private readonly cycles: AuditCycles,
  ) {}

  /**
   * Who may take the audit instead: active users of a role that audits its tier, free of conflict
   * with the case (not its worker, not a manager of its team), the current auditor aside; the
   * least loaded first. The same rules `reallocate` applies. With it, why it was reallocated before.
   */
  eligibleAuditors(auditId: number): Promise<EligibleAuditors> {
    return this.db.read(async (m) => {
      const { audit, theCase } = await this.auditAndCase(m, auditId);
      const [line] = await auditLinesQuery(m, audit.cycleId, {}, null)
        .andWhere('a.id = :auditId', { auditId })
        .getRawMany<AuditLine>();
      const loads = await auditorLoads(m);
      const auditors = (await activeUsersInRoles(m, rolesFor(audit.tier)))
        .filter((u) => u.id !== audit.auditorId && conflictOf(u, audit, theCase) === null)
        .map((u) => ({
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          openAudits: loads.get(u.id) ?? 0,
        }))
        .sort(
          (a, b) => a.openAudits - b.openAudits || a.displayName.localeCompare(b.displayName) || a.id - b.id,
        );
      return {
        audit: { ...toAuditLine(line), cycleId: audit.cycleId },
        auditors,
        reallocations: await reallocationsOf(m, this.workflows, auditId),
      };
    });
  }

  /** Gives the audit to another auditor; the cycle's history records who, from whom and why. */
  reallocate(auditId: number, auditorId: number, reason: string, actor: Actor) {
    return this.db.transaction(async (m) => {
      const { audit, theCase } = await this.auditAndCase(m, auditId);
      const auditor = await activeUser(m, auditorId);
      if (!auditor) throw DomainError.validation('auditorId', `no active user ${auditorId}`);
      if (!rolesFor(audit.tier).includes(auditor.role)) {
        throw DomainError.validation(
          'auditorId',
          `a ${auditor.role} does not audit tier ${audit.tier} cases`,
        );
      }
      const conflict = conflictOf(auditor, audit, theCase);
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

  private async auditAndCase(m: EntityManager, auditId: number) {
    const audit = await auditForAllocation(m, auditId);
    if (!audit) throw DomainError.notFound('audit', auditId);
    return { audit, theCase: await caseForAllocation(m, audit.caseId) };
  }

  /** Takes a case out of the cycle (e.g. it closed before the audit); the reason is required and kept. */
  withdraw(auditId: number, reason: string, actor: Actor) {
    return this.db.transaction(async (m) => {
      if (!(await auditForAllocation(m, auditId))) throw DomainError.notFound('audit', auditId);
      const withdrawn = await withdrawAudit(m, this.workflows, { auditId, reason, actor });
      // The last audit still open taken out: a cycle whose others are all closed closes by itself.
      const { cycleId } = (await auditForAllocation(m, auditId))!;
      await this.cycles.closeIfFinished(m, cycleId, SYSTEM_ACTOR);
      return { auditId, state: withdrawn.state, withdrawnReason: reason };
    });
  }

  /**
   * The caller's audits, newest cycle first (the audits say which; our cycles give the month).
   * With a group, only that group's: the open ones soonest deadline first, done newest first.
   */
  mine(user: AuthenticatedUser, page: PageRequest, group?: MyAuditGroup) {
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
        .from((sub) => auditsAllocatedToQuery(sub, user), 'x')
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
  myCounts(user: AuthenticatedUser): Promise<Record<MyAuditGroup, number>> {
    return this.db.read(async (m) => {
      const rows = await m
        .createQueryBuilder()
        .select('x.state', 'state')
        .addSelect('COUNT(*)', 'n')
        .from((sub) => auditsAllocatedToQuery(sub, user), 'x')
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
