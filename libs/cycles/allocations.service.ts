import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditMachine } from '../../workflows/audit.machine.js';
import { cycleMachine } from '../../workflows/cycle.machine.js';
import { Case } from '../cases/case.entity.js';
import { DomainError } from '../common/domain-error.js';
import { AUDITOR_ROLES, TIER3_ROLES } from '../org/role.js';
import { User } from '../org/user.entity.js';
import { type PageRequest, rawPage } from '../common/paging.js';
import { Db } from '../persistence/db.service.js';
import { type Actor, WorkflowRunner } from '../persistence/workflow-runner.service.js';
import { Audit } from './audit.entity.js';
import { Cycle } from './cycle.entity.js';
import { requireCycle } from './cycles.service.js';
import { conflictOfInterest, normaliseName } from './rules/conflict-of-interest.js';

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
      const audit = await requireAudit(m, auditId);
      const auditor = await m.findOneBy(User, { id: auditorId, active: true });
      if (!auditor) throw DomainError.validation('auditorId', `no active user ${auditorId}`);
      const roles = audit.tier === 3 ? [...TIER3_ROLES, ...AUDITOR_ROLES] : AUDITOR_ROLES;
      if (!roles.includes(auditor.role)) {
        throw DomainError.validation(
          'auditorId',
          `a ${auditor.role} does not audit tier ${audit.tier} cases`,
        );
      }
      const theCase = await m.findOneByOrFail(Case, { id: audit.caseId });
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
      await this.workflows.send(m, {
        machine: auditMachine,
        entity: Audit,
        entityType: 'audit',
        record: audit,
        event: { type: 'ALLOCATE', auditorId },
        actor,
        patch: { auditorId, unallocatedReason: null },
        detail: { fromAuditorId: audit.auditorId, toAuditorId: auditorId, reason },
      });
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
      const audit = await requireAudit(m, auditId);
      const withdrawn = await this.workflows.send(m, {
        machine: auditMachine,
        entity: Audit,
        entityType: 'audit',
        record: audit,
        event: { type: 'WITHDRAW', reason },
        actor,
        patch: { withdrawnReason: reason },
        detail: { reason },
      });
      return { auditId: audit.id, state: withdrawn.state, withdrawnReason: reason };
    });
  }

  /** The audits a person has been given, newest cycle first. */
  /** The caller's audits, newest cycle first. */
  mine(userId: number, page: PageRequest) {
    return this.db.read((m) =>
      rawPage(
        m,
        m
          .createQueryBuilder()
          .select([
            'a.id AS "auditId"',
            'cy.id AS "cycleId"',
            'cy.month AS "month"',
            'cy.deadline AS "deadline"',
            'c.case_ref AS "caseRef"',
            't.name AS "team"',
            'a.cohort_code AS "cohort"',
            'a.tier AS "tier"',
            'a.state AS "state"',
          ])
          .from('audits', 'a')
          .innerJoin('cycles', 'cy', 'cy.id = a.cycle_id')
          .innerJoin('cases', 'c', 'c.id = a.case_id')
          .innerJoin('teams', 't', 't.id = a.team_id')
          .where('a.auditor_id = :userId', { userId })
          .orderBy('cy.month', 'DESC')
          .addOrderBy('c.case_ref')
          .addOrderBy('a.id'),
        page,
      ),
    );
  }
}

export async function requireAudit(m: EntityManager, id: number): Promise<Audit> {
  const audit = await m.findOneBy(Audit, { id });
  if (!audit) throw DomainError.notFound('audit', id);
  return audit;
}
