import { assertEvent, assign, setup } from 'xstate';
import { isBlank } from './rules/blank-text.js';

/**
 * An action raised by an audit, tracked to closure:
 *
 * open → inProgress → done (what was done, with evidence) → verified → closed.
 *
 * Done goes back to inProgress when the verifier sends it back with a reason. An action not yet
 * verified can be cancelled with a reason. Its owner and due date can change while work is owed;
 * the history row of each change keeps the earlier value. Who may send which event (the owner,
 * a manager, a verifier who is not the owner) is the service's access rule; the machine checks
 * what the event itself must carry.
 */
export interface ActionContext {
  ownerId: number;
  dueOn: string;
  /** The due date the action was raised with; a moved date keeps it here and in the history. */
  raisedDueOn: string;
  whatWasDone: string | null;
  evidence: string | null;
  verifiedById: number | null;
  sentBackReason: string | null;
  cancelledReason: string | null;
  /**
   * The latest progress note, and how often the owner was chased. Besides being worth showing,
   * they give RECORD_PROGRESS in progress and CHASE an action: xstate's `can()` reports a
   * transition with neither target nor action as not allowed, and the runner would refuse it.
   */
  lastProgressNote: string | null;
  chases: number;
}

export type ActionEvent =
  | { type: 'START' }
  | { type: 'RECORD_PROGRESS'; note: string }
  | { type: 'MARK_DONE'; whatWasDone: string; evidence: string }
  | { type: 'VERIFY'; verifierId: number }
  | { type: 'SEND_BACK'; reason: string }
  | { type: 'CLOSE' }
  | { type: 'CANCEL'; reason: string }
  | { type: 'REASSIGN'; ownerId: number }
  | { type: 'MOVE_DUE_DATE'; dueOn: string; reason: string }
  | { type: 'CHASE' };

export const ACTION_MACHINE_ID = 'action';
export const ACTION_MACHINE_VERSION = '1';

/** What each state means; SQL filters and access checks derive their state lists from these. */
export const ActionTag = {
  /** Not closed or cancelled: it holds its audit open. */
  Open: 'open',
  /** Closed or cancelled: its audit may close. */
  Resolved: 'resolved',
  /** Work is owed by the owner (open or in progress): reminders, overdue notices and escalation apply. */
  WorkOwed: 'workOwed',
  /** Done and waiting for someone other than the owner to verify it. */
  AwaitingVerification: 'awaitingVerification',
  /** May still be cancelled by a manager. */
  Cancellable: 'cancellable',
} as const;

const T = ActionTag;

/** The events that keep the work where it is: the owner, the due date, a chase or a note. */
const WHILE_WORK_IS_OWED = {
  REASSIGN: { actions: 'assignOwner' },
  MOVE_DUE_DATE: { guard: 'hasReason', actions: 'moveDueDate' },
  CHASE: { actions: 'countChase' },
  CANCEL: { guard: 'hasReason', target: 'cancelled', actions: 'recordCancellation' },
} as const;

export const actionMachine = setup({
  types: {
    context: {} as ActionContext,
    events: {} as ActionEvent,
    input: {} as { ownerId: number; dueOn: string },
  },
  guards: {
    hasReason: ({ event }) => {
      assertEvent(event, ['SEND_BACK', 'CANCEL', 'MOVE_DUE_DATE']);
      return !isBlank(event.reason);
    },
    hasNote: ({ event }) => {
      assertEvent(event, 'RECORD_PROGRESS');
      return !isBlank(event.note);
    },
    saysWhatWasDone: ({ event }) => {
      assertEvent(event, 'MARK_DONE');
      return !isBlank(event.whatWasDone) && !isBlank(event.evidence);
    },
    notTheOwner: ({ context, event }) => {
      assertEvent(event, 'VERIFY');
      return event.verifierId !== context.ownerId;
    },
  },
  actions: {
    assignOwner: assign({
      ownerId: ({ event }) => {
        assertEvent(event, 'REASSIGN');
        return event.ownerId;
      },
    }),
    moveDueDate: assign({
      dueOn: ({ event }) => {
        assertEvent(event, 'MOVE_DUE_DATE');
        return event.dueOn;
      },
    }),
    recordDone: assign(({ event }) => {
      assertEvent(event, 'MARK_DONE');
      return { whatWasDone: event.whatWasDone, evidence: event.evidence, sentBackReason: null };
    }),
    recordVerifier: assign({
      verifiedById: ({ event }) => {
        assertEvent(event, 'VERIFY');
        return event.verifierId;
      },
    }),
    recordSendBack: assign({
      sentBackReason: ({ event }) => {
        assertEvent(event, 'SEND_BACK');
        return event.reason;
      },
    }),
    recordProgress: assign({
      lastProgressNote: ({ event }) => {
        assertEvent(event, 'RECORD_PROGRESS');
        return event.note;
      },
    }),
    countChase: assign({ chases: ({ context }) => context.chases + 1 }),
    recordCancellation: assign({
      cancelledReason: ({ event }) => {
        assertEvent(event, 'CANCEL');
        return event.reason;
      },
    }),
  },
}).createMachine({
  id: ACTION_MACHINE_ID,
  version: ACTION_MACHINE_VERSION,
  initial: 'open',
  context: ({ input }) => ({
    ownerId: input.ownerId,
    dueOn: input.dueOn,
    raisedDueOn: input.dueOn,
    whatWasDone: null,
    evidence: null,
    verifiedById: null,
    sentBackReason: null,
    cancelledReason: null,
    lastProgressNote: null,
    chases: 0,
  }),
  states: {
    open: {
      tags: [T.Open, T.WorkOwed, T.Cancellable],
      on: {
        ...WHILE_WORK_IS_OWED,
        START: 'inProgress',
        RECORD_PROGRESS: { guard: 'hasNote', target: 'inProgress', actions: 'recordProgress' },
        MARK_DONE: { guard: 'saysWhatWasDone', target: 'done', actions: 'recordDone' },
      },
    },
    inProgress: {
      tags: [T.Open, T.WorkOwed, T.Cancellable],
      on: {
        ...WHILE_WORK_IS_OWED,
        RECORD_PROGRESS: { guard: 'hasNote', actions: 'recordProgress' },
        MARK_DONE: { guard: 'saysWhatWasDone', target: 'done', actions: 'recordDone' },
      },
    },
    done: {
      tags: [T.Open, T.AwaitingVerification, T.Cancellable],
      on: {
        VERIFY: { guard: 'notTheOwner', target: 'verified', actions: 'recordVerifier' },
        SEND_BACK: { guard: 'hasReason', target: 'inProgress', actions: 'recordSendBack' },
        CANCEL: { guard: 'hasReason', target: 'cancelled', actions: 'recordCancellation' },
      },
    },
    verified: {
      tags: [T.Open],
      on: { CLOSE: 'closed' },
    },
    closed: { type: 'final', tags: [T.Resolved] },
    cancelled: { type: 'final', tags: [T.Resolved] },
  },
});

export type ActionState = 'open' | 'inProgress' | 'done' | 'verified' | 'closed' | 'cancelled';
