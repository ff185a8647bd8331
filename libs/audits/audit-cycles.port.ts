import type { EntityManager } from 'typeorm';
import type { Actor } from '../persistence/index.js';

/** What audits need to know of their cycle; fixed when the cycle is opened. */
export interface CycleOfAudit {
  id: number;
  kind: string;
  month: string;
  deadline: string;
  seed: string;
  /** The share of submitted audits sent to moderation (the cycle's, or the default). */
  moderationRate: number;
  auditToolId: number | null;
}

/**
 * What the audits feature needs of cycles, provided by libs/cycles (which creates the audits
 * and so depends on this feature: audits may not import cycles back). Cycles' module provides
 * the implementation globally.
 */
export abstract class AuditCycles {
  abstract cycleOf(m: EntityManager, cycleId: number): Promise<CycleOfAudit>;

  /**
   * Closes the cycle (as `actor`, the system) if it is running and every audit in it is closed
   * or withdrawn; otherwise does nothing. Called in the transaction that finished an audit.
   */
  abstract closeIfFinished(m: EntityManager, cycleId: number, actor: Actor): Promise<void>;
}
