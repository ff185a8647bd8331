import { createActor, type EventFromLogic } from 'xstate';
import { Action } from '../../libs/actions/action.entity.js';
import { PlanItem } from '../../libs/actions/plan-item.entity.js';
import { Db } from '../../libs/persistence/db.service.js';
import { WorkflowRunner } from '../../libs/persistence/workflow-runner.service.js';
import { stateKey } from '../../libs/persistence/state-key.js';
import {
  ACTION_MACHINE_ID,
  ACTION_MACHINE_VERSION,
  actionMachine,
  type ActionState,
} from '../../workflows/action.machine.js';
import { FACTORY_ACTOR } from './factories.js';

type ActionEvent = EventFromLogic<typeof actionMachine>;

/** The events that bring a new action to each state, as the commands would send them. */
export function eventsTo(state: ActionState, verifierId: number): ActionEvent[] {
  const done: ActionEvent[] = [
    { type: 'START' },
    { type: 'MARK_DONE', whatWasDone: 'Chronology brought up to date', evidence: 'Case file, 3 December' },
  ];
  switch (state) {
    case 'open':
      return [];
    case 'inProgress':
      return [{ type: 'START' }];
    case 'done':
      return done;
    case 'verified':
      return [...done, { type: 'VERIFY', verifierId }];
    case 'closed':
      return [...done, { type: 'VERIFY', verifierId }, { type: 'CLOSE' }];
    case 'cancelled':
      return [{ type: 'CANCEL', reason: 'The case closed' }];
  }
}

export interface NewAction {
  auditId: number;
  teamId: number;
  ownerId: number;
  raisedBy: number;
  dueOn: string;
  state?: ActionState;
  what?: string;
  why?: string;
  planItemId?: number | null;
  domainKey?: string | null;
}

/**
 * An action row as the commands would leave it: its snapshot the machine's own after the events
 * that reach `state` (nothing written by hand), and its first history row by the runner.
 */
export async function newAction(
  ctx: { db: Db; app: { get: <T>(t: new (...a: never[]) => T) => T } },
  action: NewAction,
): Promise<number> {
  const state = action.state ?? 'open';
  const actor = createActor(actionMachine, {
    input: { ownerId: action.ownerId, dueOn: action.dueOn },
  }).start();
  for (const event of eventsTo(
    state,
    action.raisedBy === action.ownerId ? action.ownerId + 1 : action.raisedBy,
  )) {
    actor.send(event);
  }
  const snapshot = actor.getPersistedSnapshot();
  const reached = stateKey(actor.getSnapshot().value);
  actor.stop();
  if (reached !== state) throw new Error(`the action fixture reached ${reached}, not ${state}`);
  return ctx.db.transaction(async (m) => {
    const { identifiers } = await m.insert(Action, {
      auditId: action.auditId,
      teamId: action.teamId,
      what: action.what ?? 'Update the chronology',
      why: action.why ?? 'The chronology stops in March',
      domainKey: action.domainKey ?? null,
      successMeasure: 'A chronology up to date at the next supervision',
      ownerId: action.ownerId,
      dueOn: action.dueOn,
      planItemId: action.planItemId ?? null,
      raisedBy: action.raisedBy,
      closedAt: state === 'closed' ? '2026-12-01T10:00:00.000Z' : null,
      machineId: ACTION_MACHINE_ID,
      machineVersion: ACTION_MACHINE_VERSION,
      state,
      snapshot: snapshot as never,
    });
    const id = Number(identifiers[0].id);
    await ctx.app
      .get(WorkflowRunner)
      .recordStarts(
        m,
        'action',
        [{ entityId: id, machineId: ACTION_MACHINE_ID, machineVersion: ACTION_MACHINE_VERSION, state }],
        FACTORY_ACTOR,
      );
    return id;
  });
}

export async function newPlanItem(db: Db, reference: string, title = 'Timely chronologies'): Promise<number> {
  return db.transaction(async (m) => {
    const { identifiers } = await m.insert(PlanItem, {
      reference,
      title,
      source: 'improvement_plan',
      owner: 'Head of Service, North',
    });
    return Number(identifiers[0].id);
  });
}
