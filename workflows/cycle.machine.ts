import { assertEvent, assign, setup } from 'xstate';

/**
 * The lifecycle of one audit cycle (a month's sample, or a themed cycle).
 *
 * draft → selected → allocated → closed
 *
 * The machine holds only what the draw found and when the cycle closed. Everything that changes
 * with the audits (how many are allocated, started, completed, withdrawn) is read from the audits
 * table (libs/cycles/cycle-figures.ts), so no change of an audit can leave the cycle wrong, and
 * no auditor's command writes the cycle row. Version 1 also kept allocation counts and an
 * `inProgress` state set by the first START (see cycle-snapshots.ts).
 */
export interface CycleContext {
  open: number;
  eligible: number;
  selected: number;
  closedAt: string | null;
}

export type CycleEvent =
  | { type: 'SELECT'; open: number; eligible: number; selected: number }
  | { type: 'ALLOCATE' }
  | { type: 'REALLOCATE' }
  | { type: 'CLOSE'; outstandingAudits: number; at: string };

export const CYCLE_MACHINE_ID = 'auditCycle';
export const CYCLE_MACHINE_VERSION = '2';

export const cycleMachine = setup({
  types: { context: {} as CycleContext, events: {} as CycleEvent },
  guards: {
    hasSelection: ({ event }) => {
      assertEvent(event, 'SELECT');
      return event.selected > 0;
    },
    everyAuditResolved: ({ event }) => {
      assertEvent(event, 'CLOSE');
      return event.outstandingAudits === 0;
    },
  },
  actions: {
    recordSelection: assign(({ event }) => {
      assertEvent(event, 'SELECT');
      return { open: event.open, eligible: event.eligible, selected: event.selected };
    }),
    recordClosure: assign(({ event }) => {
      assertEvent(event, 'CLOSE');
      return { closedAt: event.at };
    }),
  },
}).createMachine({
  id: CYCLE_MACHINE_ID,
  version: CYCLE_MACHINE_VERSION,
  initial: 'draft',
  context: { open: 0, eligible: 0, selected: 0, closedAt: null },
  states: {
    draft: {
      on: { SELECT: { guard: 'hasSelection', target: 'selected', actions: 'recordSelection' } },
    },
    selected: {
      on: { ALLOCATE: 'allocated' },
    },
    allocated: {
      on: {
        // A reallocation changes an audit; the cycle's history records who, from whom and why.
        REALLOCATE: { target: 'allocated' },
        CLOSE: { guard: 'everyAuditResolved', target: 'closed', actions: 'recordClosure' },
      },
    },
    closed: { type: 'final' },
  },
});

export type CycleState = 'draft' | 'selected' | 'allocated' | 'closed';
