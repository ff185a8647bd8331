import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTag, auditMachine } from '../../workflows/audit.machine.js';
import { statesTagged } from '../../workflows/state-tags.js';
import { type Actor, WorkflowRunner } from '../persistence/index.js';
import { AuditActions } from './audit-actions.port.js';
import { AuditCycles } from './audit-cycles.port.js';
import { Audit } from './audit.entity.js';

/** Who the history names for what happens by itself: closing an audit or a cycle. */
export const SYSTEM_ACTOR: Actor = { id: null, label: 'system' };

const AWAITING_ACTIONS = statesTagged(auditMachine, AuditTag.AwaitingActions);

/**
 * An audit closes by itself once its grades stand and none of its actions is open; its cycle
 * closes once every audit in it is closed or withdrawn. Both in the caller's transaction (the
 * one that completed the audit, or closed or cancelled its last action), both done by the system.
 */
@Injectable()
export class AuditClosure {
  constructor(
    private readonly workflows: WorkflowRunner,
    private readonly actions: AuditActions,
    private readonly cycles: AuditCycles,
  ) {}

  /** Returns the audit as it now stands (closed, or as it was). */
  async closeIfResolved(m: EntityManager, auditId: number): Promise<Audit> {
    const audit = await m.findOneByOrFail(Audit, { id: auditId });
    if (!AWAITING_ACTIONS.includes(audit.state)) return audit;
    const openActions = await this.actions.openCount(m, auditId);
    if (openActions > 0) return audit;
    const closed = await this.workflows.send(m, {
      machine: auditMachine,
      entity: Audit,
      entityType: 'audit',
      record: audit,
      event: { type: 'CLOSE', openActions },
      actor: SYSTEM_ACTOR,
    });
    await this.cycles.closeIfFinished(m, audit.cycleId, SYSTEM_ACTOR);
    return closed;
  }
}
