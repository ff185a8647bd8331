import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditCycles, type CycleOfAudit } from '../audits/index.js';
import { Cycle } from './cycle.entity.js';
import { DEFAULT_MODERATION_RATE } from './cycles.service.js';

/**
 * What audits need of their cycle (the port libs/audits declares). What an audit reads of its
 * cycle is fixed when the cycle opens, so it is read once per cycle and kept: commands on
 * thousands of audits do not read the cycle row each time.
 */
@Injectable()
export class CyclesForAudits extends AuditCycles {
  private readonly facts = new Map<number, CycleOfAudit>();

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
