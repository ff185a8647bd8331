import type { EntityManager } from 'typeorm';
import type { ProposedAction } from '../../workflows/audit-draft.js';
import type { RuleProblem } from '../../workflows/rules/grading-problems.js';
import type { Actor } from '../persistence/index.js';

/** The audit an action is raised from: its team owns the actions, its auditor raised them. */
export interface RaisingAudit {
  id: number;
  teamId: number;
  /** The case's locality (its team's): an owner must work in it. */
  localityId: number | null;
  auditorId: number;
}

/**
 * What the audits feature needs of actions, provided by libs/actions (which reads audits, so
 * audits may not import it back). ActionsModule provides the implementation globally.
 */
export abstract class AuditActions {
  /**
   * What is wrong with the proposed actions' owners and due dates (an owner who is not an
   * active user or works outside the case's locality; a date past or more than a year ahead),
   * named by field (`actions.0.ownerId`). Asked at each draft save and at submission.
   */
  abstract raiseProblems(
    m: EntityManager,
    audit: Pick<RaisingAudit, 'localityId'>,
    actions: readonly ProposedAction[],
  ): Promise<RuleProblem[]>;

  /** Makes each proposed action (checked, with its owner chosen) a tracked action, open. */
  abstract raise(
    m: EntityManager,
    audit: RaisingAudit,
    actions: readonly ProposedAction[],
    actor: Actor,
  ): Promise<void>;

  /** How many of the audit's actions are neither closed nor cancelled: the audit closes at 0. */
  abstract openCount(m: EntityManager, auditId: number): Promise<number>;
}
