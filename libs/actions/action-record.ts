import type { EntityManager } from 'typeorm';
import type { ActionContext } from '../../workflows/action.machine.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { DomainError, ErrorCode } from '../common/index.js';
import { type ActionAccessFacts, mayReadAction } from './action-access.js';
import { Action } from './action.entity.js';
import { teamLocality } from './owner-facts.js';

/** An action with what access decisions and the owner rule need: its team's locality. */
export interface ActionRecord {
  action: Action;
  facts: ActionAccessFacts;
}

/**
 * The action, if the user may read it. Existence itself is sensitive: whoever may not read it
 * gets the same 404 as for an action that does not exist.
 */
export async function loadAction(
  m: EntityManager,
  id: number,
  user: AuthenticatedUser,
): Promise<ActionRecord> {
  const action = await m.findOneBy(Action, { id });
  if (!action) throw DomainError.notFound('action', id);
  const facts = {
    ownerId: action.ownerId,
    teamId: action.teamId,
    localityId: await teamLocality(m, action.teamId),
  };
  if (!mayReadAction(user, facts)) throw DomainError.notFound('action', id);
  return { action, facts };
}

/** A 403 for a reader the step is not theirs to take; `rule` says which. */
export function refused(rule: string, message: string): DomainError {
  return new DomainError(ErrorCode.Forbidden, message, { rule });
}

/** The action as the API shows it: its columns and what its machine holds (what was done…). */
export function actionView(action: Action) {
  const context = (action.snapshot as { context?: ActionContext }).context;
  return {
    id: action.id,
    auditId: action.auditId,
    teamId: action.teamId,
    what: action.what,
    why: action.why,
    domainKey: action.domainKey,
    successMeasure: action.successMeasure,
    ownerId: action.ownerId,
    dueOn: action.dueOn,
    raisedDueOn: context?.raisedDueOn ?? action.dueOn,
    planItemId: action.planItemId,
    raisedBy: action.raisedBy,
    state: action.state,
    whatWasDone: context?.whatWasDone ?? null,
    evidence: context?.evidence ?? null,
    verifiedById: context?.verifiedById ?? null,
    sentBackReason: context?.sentBackReason ?? null,
    cancelledReason: context?.cancelledReason ?? null,
    closedAt: action.closedAt,
    version: action.version,
    createdAt: action.createdAt,
    updatedAt: action.updatedAt,
  };
}
