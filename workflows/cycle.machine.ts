import { assertEvent, assign, setup } from 'xstate';

/**
 * The lifecycle of one audit cycle (a month's sample, or a themed cycle).
 *
 * draft → selected → allocated → inProgress → closed
 *
 * The machine holds only counts and timestamps: the selected cases and their auditors live in
 * the audits table, so the persisted snapshot stays small whatever the sample size.
 */
export interface CycleContext {
  open: number;
  eligible: number;
  selected: number;
  allocated: number;
  unallocated: number;
  reallocations: number;
  closedAt: string | null;
}

export type CycleEvent =
  | { type: 'SELECT'; open: number; eligible: number; selected: number }
  | { type: 'ALLOCATE'; allocated: number; unallocated: number }
  | { type: 'START' }
  | { type: 'REALLOCATE'; allocated: number; unallocated: number }
  | { type: 'CLOSE'; outstandingAudits: number; at: string };

export const CYCLE_MACHINE_ID = 'auditCycle';
export const CYCLE_MACHINE_VERSION = '1';

/** What each cycle state means (see AuditTag); every state is exactly one of open or resolved. */
export const CycleTag = {
  Open: 'open',
  Resolved: 'resolved',
  /** Allocated and not closed: its audits are under way, so it closes only once each is resolved. */
  Running: 'running',
} as const;

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
    recordAllocation: assign(({ event }) => {
      assertEvent(event, ['ALLOCATE', 'REALLOCATE']);
      return { allocated: event.allocated, unallocated: event.unallocated };
    }),
    countReallocation: assign({ reallocations: ({ context }) => context.reallocations + 1 }),
    recordClosure: assign(({ event }) => {
      assertEvent(event, 'CLOSE');
      return { closedAt: event.at };
    }),
  },
}).createMachine({
  id: CYCLE_MACHINE_ID,
  version: CYCLE_MACHINE_VERSION,
  initial: 'draft',
  context: {
    open: 0,
    eligible: 0,
    selected: 0,
    allocated: 0,
    unallocated: 0,
    reallocations: 0,
    closedAt: null,
  },
  states: {
    draft: {
      tags: [CycleTag.Open],
      on: { SELECT: { guard: 'hasSelection', target: 'selected', actions: 'recordSelection' } },
    },
    selected: {
      tags: [CycleTag.Open],
      on: { ALLOCATE: { target: 'allocated', actions: 'recordAllocation' } },
    },
    allocated: {
      tags: [CycleTag.Open, CycleTag.Running],
      on: {
        START: 'inProgress',
        REALLOCATE: { actions: ['recordAllocation', 'countReallocation'] },
        CLOSE: { guard: 'everyAuditResolved', target: 'closed', actions: 'recordClosure' },
      },
    },
    inProgress: {
      tags: [CycleTag.Open, CycleTag.Running],
      on: {
        REALLOCATE: { actions: ['recordAllocation', 'countReallocation'] },
        CLOSE: { guard: 'everyAuditResolved', target: 'closed', actions: 'recordClosure' },
      },
    },
    closed: { type: 'final', tags: [CycleTag.Resolved] },
  },
});

export type CycleState = 'draft' | 'selected' | 'allocated' | 'inProgress' | 'closed';
