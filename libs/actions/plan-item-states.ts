import type { StateNode } from 'xstate';
import { actionMachine, ActionTag } from '../../workflows/action.machine.js';
import { statesTagged } from '../../workflows/state-tags.js';

/** Open or in progress: the owner still owes the work, so a due date can pass. */
export const WORK_OWED_STATES = statesTagged(actionMachine, ActionTag.WorkOwed);

/** Closed or cancelled: nothing more will happen. */
export const RESOLVED_STATES = statesTagged(actionMachine, ActionTag.Resolved);

/**
 * The resolved states an action reaches by being cancelled: where the machine's CANCEL leads.
 * Read from the machine, so a renamed or added state changes the RAG's lists with it.
 */
const CANCELLED_STATES = [
  ...new Set(
    Object.values(actionMachine.root.states as Record<string, StateNode>).flatMap((node) =>
      (node.on.CANCEL ?? []).flatMap((t) => (t.target ?? []).map((target) => target.path.join('.'))),
    ),
  ),
];

/** Resolved by being done and verified, not cancelled: what makes a plan item BLUE. */
export const CLOSED_STATES = RESOLVED_STATES.filter((state) => !CANCELLED_STATES.includes(state));
