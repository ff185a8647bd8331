import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CycleTag, cycleMachine } from '../../workflows/cycle.machine.js';
import { statesTagged } from '../../workflows/state-tags.js';
import { AuditCycles, type CycleOfAudit, openAuditCount, unfinishedAuditCount } from '../audits/index.js';
import { Clock } from '../clock/index.js';
import { type Actor, WorkflowRunner } from '../persistence/index.js';
import { Cycle } from './cycle.entity.js';
import { DEFAULT_MODERATION_RATE } from './cycles.service.js';

const RUNNING = statesTagged(cycleMachine, CycleTag.Running);

/**
 * What audits need of their cycle (the port libs/audits declares). What an audit reads of its
 * cycle is fixed when the cycle opens, so it is read once per cycle and kept: commands on
 * thousands of audits do not read the cycle row each time.
 */
@Injectable()
export class CyclesForAudits extends AuditCycles {
  private readonly facts = new Map<number, CycleOfAudit>();

  constructor(
    private readonly workflows: WorkflowRunner,
    private readonly clock: Clock,
  ) {
    super();
  }

  /** A running cycle whose every audit is closed or withdrawn closes, done by `actor` (the system). */
  async closeIfFinished(m: EntityManager, cycleId: number, actor: Actor): Promise<void> {
    if ((await unfinishedAuditCount(m, cycleId)) > 0) return;
    const cycle = await m.findOneByOrFail(Cycle, { id: cycleId });
    if (!RUNNING.includes(cycle.state)) return;
    await this.workflows.send(m, {
      machine: cycleMachine,
      entity: Cycle,
      entityType: 'cycle',
      record: cycle,
      event: { type: 'CLOSE', outstandingAudits: await openAuditCount(m, cycleId), at: this.clock.nowIso() },
      actor,
    });
  }

  async cycleOf(m: EntityManager, cycleId: number): Promise<CycleOfAudit> {
    let facts = this.facts.get(cycleId);
    if (!facts) {
      const c = await m.findOneByOrFail(Cycle, { id: cycleId });
      facts = {
        id: c.id,
        kind: c.kind,
        month: c.month,
        deadline: c.deadline,
        seed: c.seed,
        moderationRate: c.moderationRate === null ? DEFAULT_MODERATION_RATE : Number(c.moderationRate),
        auditToolId: c.auditToolId === null ? null : Number(c.auditToolId),
      };
      this.facts.set(cycleId, facts);
    }
    return facts;
  }
}
