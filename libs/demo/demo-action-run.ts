import { createActor } from 'xstate';
import type { EntityManager } from 'typeorm';
import {
  ACTION_MACHINE_ID,
  ACTION_MACHINE_VERSION,
  actionMachine,
  type ActionEvent,
} from '../../workflows/action.machine.js';
import { Action } from '../actions/index.js';
import { type Actor, stateKey, type WorkflowRunner } from '../persistence/index.js';

/** Where a demo action is left: every resting state of the action machine. */
export type DemoActionState = 'open' | 'inProgress' | 'done' | 'closed' | 'cancelled';

export interface NewDemoAction {
  auditId: number;
  teamId: number;
  owner: Actor & { id: number };
  /** Verifies or cancels it: a manager or practitioner of the team who is not the owner. */
  manager: Actor & { id: number };
  raisedBy: Actor & { id: number };
  what: string;
  why: string;
  successMeasure: string;
  dueOn: string;
  planItemId: number | null;
  state: DemoActionState;
}

const ENTITY_TYPE = 'action';
const SYSTEM: Actor = { id: null, label: 'system' };

/** The events that take a new action to `state`, each with who would send it. */
function eventsTo(action: NewDemoAction): [ActionEvent, Actor][] {
  const { owner, manager, state } = action;
  const start: [ActionEvent, Actor] = [{ type: 'START' }, owner];
  const done: [ActionEvent, Actor] = [
    {
      type: 'MARK_DONE',
      whatWasDone: 'Updated the plan and went through it with the family.',
      evidence: 'The revised plan and the visit record on the case file.',
    },
    owner,
  ];
  switch (state) {
    case 'open':
      return [];
    case 'inProgress':
      return [start];
    case 'done':
      return [start, done];
    case 'closed':
      return [
        start,
        done,
        [{ type: 'VERIFY', verifierId: manager.id }, manager],
        [{ type: 'CLOSE' }, SYSTEM],
      ];
    case 'cancelled':
      return [[{ type: 'CANCEL', reason: 'The case closed before the action fell due.' }, manager]];
  }
}

/**
 * One action, raised and taken to its state through the workflow runner as the real commands
 * would: the first history row, then one transition per event, each by whoever would send it
 * (the owner works, a manager verifies or cancels, the system closes). The demo's stand-in for
 * the actions service's commands; `now` is the Clock's.
 */
export async function raiseDemoAction(
  m: EntityManager,
  workflows: WorkflowRunner,
  action: NewDemoAction,
  now: string,
): Promise<number> {
  const actor = createActor(actionMachine, {
    input: { ownerId: action.owner.id, dueOn: action.dueOn },
  }).start();
  const snapshot = actor.getPersistedSnapshot();
  const state = stateKey(actor.getSnapshot().value);
  actor.stop();
  const { identifiers } = await m.insert(Action, {
    auditId: action.auditId,
    teamId: action.teamId,
    what: action.what,
    why: action.why,
    domainKey: null,
    successMeasure: action.successMeasure,
    ownerId: action.owner.id,
    dueOn: action.dueOn,
    planItemId: action.planItemId,
    raisedBy: action.raisedBy.id,
    closedAt: null,
    machineId: ACTION_MACHINE_ID,
    machineVersion: ACTION_MACHINE_VERSION,
    state,
    snapshot,
  });
  const id = Number(identifiers[0].id);
  const run = { entityId: id, machineId: ACTION_MACHINE_ID, machineVersion: ACTION_MACHINE_VERSION, state };
  await workflows.recordStarts(m, ENTITY_TYPE, [run], action.raisedBy);
  for (const [event, by] of eventsTo(action)) {
    const record = await m.findOneByOrFail(Action, { id });
    await workflows.send(m, {
      machine: actionMachine,
      entity: Action,
      entityType: ENTITY_TYPE,
      record,
      event,
      actor: by,
      patch: event.type === 'CLOSE' ? { closedAt: now } : undefined,
    });
  }
  return id;
}
