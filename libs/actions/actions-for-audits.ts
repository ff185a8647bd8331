import { Injectable } from '@nestjs/common';
import { createActor } from 'xstate';
import { type EntityManager, In } from 'typeorm';
import { ActionTag, actionMachine } from '../../workflows/action.machine.js';
import type { ProposedAction } from '../../workflows/audit-draft.js';
import { proposedActionProblems } from '../../workflows/rules/action-rules.js';
import type { RuleProblem } from '../../workflows/rules/grading-problems.js';
import { statesTagged } from '../../workflows/state-tags.js';
import { AuditActions, type RaisingAudit } from '../audits/index.js';
import { Clock } from '../clock/index.js';
import { type Actor, WorkflowRunner } from '../persistence/index.js';
import { Action } from './action.entity.js';
import { ownerFactsOf } from './owner-facts.js';
import { PlanItem } from './plan-item.entity.js';

const OPEN = statesTagged(actionMachine, ActionTag.Open);

/** A new action's persisted snapshot: the machine's first state, with its owner and due date. */
function initialRun(ownerId: number, dueOn: string) {
  const actor = createActor(actionMachine, { input: { ownerId, dueOn } }).start();
  const snapshot = actor.getPersistedSnapshot();
  const state = String(actor.getSnapshot().value);
  actor.stop();
  return { machineId: actionMachine.id, machineVersion: String(actionMachine.version), state, snapshot };
}

/** The AuditActions port (libs/audits) as the actions feature keeps it. */
@Injectable()
export class ActionsForAudits extends AuditActions {
  constructor(
    private readonly workflows: WorkflowRunner,
    private readonly clock: Clock,
  ) {
    super();
  }

  async raiseProblems(
    m: EntityManager,
    audit: Pick<RaisingAudit, 'localityId'>,
    actions: readonly ProposedAction[],
  ): Promise<RuleProblem[]> {
    if (actions.length === 0) return [];
    const owners = await ownerFactsOf(
      m,
      actions.map((a) => a.ownerId).filter((id): id is number => typeof id === 'number'),
    );
    const cited = actions.map((a) => a.planItemId).filter((id): id is number => typeof id === 'number');
    const found = cited.length
      ? await m.find(PlanItem, { select: { id: true }, where: { id: In(cited) } })
      : [];
    return proposedActionProblems(actions, {
      today: this.clock.today(),
      caseLocalityId: audit.localityId,
      owners,
      planItems: new Set(found.map((p) => p.id)),
    });
  }

  async raise(
    m: EntityManager,
    audit: RaisingAudit,
    actions: readonly ProposedAction[],
    actor: Actor,
  ): Promise<void> {
    const starts = [];
    // One insert each: an audit raises a handful, and each needs its id for its history row.
    for (const proposed of actions) {
      const run = initialRun(proposed.ownerId!, proposed.dueOn);
      const { identifiers } = await m.insert(Action, {
        auditId: audit.id,
        teamId: audit.teamId,
        what: proposed.what,
        why: proposed.why ?? '',
        domainKey: proposed.domainKey ?? null,
        successMeasure: proposed.successMeasure ?? '',
        ownerId: proposed.ownerId!,
        dueOn: proposed.dueOn,
        planItemId: proposed.planItemId ?? null,
        raisedBy: audit.auditorId,
        closedAt: null,
        ...run,
        snapshot: run.snapshot as never,
      });
      starts.push({ entityId: Number(identifiers[0].id), ...run, detail: { auditId: audit.id } });
    }
    if (starts.length) await this.workflows.recordStarts(m, 'action', starts, actor);
  }

  openCount(m: EntityManager, auditId: number): Promise<number> {
    return m
      .createQueryBuilder(Action, 'x')
      .where('x.audit_id = :auditId AND x.state IN (:...open)', { auditId, open: OPEN })
      .getCount();
  }
}
