import { getShortestPaths } from '@xstate/graph';
import { createActor, initialTransition, transition } from 'xstate';
import {
  ACTION_MACHINE_ID,
  ACTION_MACHINE_VERSION,
  type ActionEvent,
  ActionTag as T,
  actionMachine,
} from './action.machine.js';
import { tagsByState } from './state-tags.js';

type Snapshot = ReturnType<typeof initialTransition<typeof actionMachine>>[0];
type EventOf<K extends ActionEvent['type']> = Extract<ActionEvent, { type: K }>;
const OWNER = 7;
const VERIFIER = 8;
const INPUT = { ownerId: OWNER, dueOn: '2027-01-31' };

/** One event of each type, with arguments that pass its guards. */
const GOOD = {
  START: { type: 'START' },
  RECORD_PROGRESS: { type: 'RECORD_PROGRESS', note: 'Visited; plan drafted' },
  MARK_DONE: { type: 'MARK_DONE', whatWasDone: 'Plan written', evidence: 'Plan dated 3 Jan on file' },
  VERIFY: { type: 'VERIFY', verifierId: VERIFIER },
  SEND_BACK: { type: 'SEND_BACK', reason: 'The plan has no timescales' },
  CLOSE: { type: 'CLOSE' },
  CANCEL: { type: 'CANCEL', reason: 'The case closed' },
  REASSIGN: { type: 'REASSIGN', ownerId: 9 },
  MOVE_DUE_DATE: { type: 'MOVE_DUE_DATE', dueOn: '2027-02-28', reason: 'Waiting for the conference' },
  CHASE: { type: 'CHASE' },
} satisfies { [K in ActionEvent['type']]: EventOf<K> };
type EventType = keyof typeof GOOD;

const start = () => initialTransition(actionMachine, INPUT)[0];
const send = (snapshot: Snapshot, ...events: ActionEvent[]) =>
  events.reduce((s, event) => transition(actionMachine, s, event)[0], snapshot);

const PATHS = {
  open: [],
  inProgress: [GOOD.START],
  done: [GOOD.START, GOOD.MARK_DONE],
  verified: [GOOD.START, GOOD.MARK_DONE, GOOD.VERIFY],
  closed: [GOOD.START, GOOD.MARK_DONE, GOOD.VERIFY, GOOD.CLOSE],
  cancelled: [GOOD.CANCEL],
} satisfies Record<string, ActionEvent[]>;
type State = keyof typeof PATHS;
const reach = (state: State) => send(start(), ...PATHS[state]);

/** Where each good event leads from each state; an event not listed is refused. */
const WHILE_OWED = { REASSIGN: 'same', MOVE_DUE_DATE: 'same', CHASE: 'same', CANCEL: 'cancelled' } as const;
const ACCEPTS: Record<State, Partial<Record<EventType, State | 'same'>>> = {
  open: { ...WHILE_OWED, START: 'inProgress', RECORD_PROGRESS: 'inProgress', MARK_DONE: 'done' },
  inProgress: { ...WHILE_OWED, RECORD_PROGRESS: 'inProgress', MARK_DONE: 'done' },
  done: { VERIFY: 'verified', SEND_BACK: 'inProgress', CANCEL: 'cancelled' },
  verified: { CLOSE: 'closed' },
  closed: {},
  cancelled: {},
};
const MATRIX = (Object.keys(ACCEPTS) as State[]).flatMap((state) =>
  (Object.keys(GOOD) as EventType[]).map((type) => {
    const to = ACCEPTS[state][type];
    return [state, type, to === 'same' ? state : (to ?? null)] as const;
  }),
);

describe('action machine', () => {
  it('is identified and versioned for persisted snapshots', () => {
    expect(actionMachine.id).toBe(ACTION_MACHINE_ID);
    expect(ACTION_MACHINE_VERSION).toBe('1');
  });

  it('starts open, with its owner and due date, and the raised date kept beside it', () => {
    const snapshot = start();
    expect(snapshot.value).toBe('open');
    expect(snapshot.context).toEqual({
      ownerId: OWNER,
      dueOn: '2027-01-31',
      raisedDueOn: '2027-01-31',
      whatWasDone: null,
      evidence: null,
      verifiedById: null,
      sentBackReason: null,
      cancelledReason: null,
      lastProgressNote: null,
      chases: 0,
    });
  });

  it.each(MATRIX)('from %s, %s → %s', (state, type, to) => {
    const before = reach(state);
    expect(before.value).toBe(state);
    expect(before.can(GOOD[type])).toBe(to !== null);
    if (to !== null) expect(send(before, GOOD[type]).value).toBe(to);
  });

  describe('guards', () => {
    it.each<[State, ActionEvent]>([
      ['open', { type: 'RECORD_PROGRESS', note: '   ' }],
      ['inProgress', { type: 'RECORD_PROGRESS', note: '\u200b' }],
      ['inProgress', { type: 'MARK_DONE', whatWasDone: ' ', evidence: 'File note' }],
      ['inProgress', { type: 'MARK_DONE', whatWasDone: 'Plan written', evidence: '' }],
      ['done', { type: 'VERIFY', verifierId: OWNER }],
      ['done', { type: 'SEND_BACK', reason: '  ' }],
      ['done', { type: 'CANCEL', reason: '\t' }],
      ['open', { type: 'CANCEL', reason: '' }],
      ['inProgress', { type: 'MOVE_DUE_DATE', dueOn: '2027-03-01', reason: ' ' }],
    ])('from %s refuses %j', (state, event) => {
      expect(reach(state).can(event)).toBe(false);
    });
  });

  describe('what it keeps', () => {
    it('keeps what was done and the evidence; a send-back keeps its reason until done again', () => {
      const sentBack = send(reach('done'), GOOD.SEND_BACK);
      expect(sentBack.context).toMatchObject({
        whatWasDone: 'Plan written',
        sentBackReason: 'The plan has no timescales',
      });
      const again = send(sentBack, {
        type: 'MARK_DONE',
        whatWasDone: 'Plan with timescales',
        evidence: 'v2',
      });
      expect(again.context).toMatchObject({
        whatWasDone: 'Plan with timescales',
        evidence: 'v2',
        sentBackReason: null,
      });
    });

    it('keeps the verifier, the new owner, the moved date beside the raised one, and the cancel reason', () => {
      expect(reach('verified').context.verifiedById).toBe(VERIFIER);
      expect(send(start(), GOOD.REASSIGN).context.ownerId).toBe(9);
      expect(send(start(), GOOD.MOVE_DUE_DATE).context).toMatchObject({
        dueOn: '2027-02-28',
        raisedDueOn: '2027-01-31',
      });
      expect(reach('cancelled').context.cancelledReason).toBe('The case closed');
      expect(send(reach('inProgress'), GOOD.RECORD_PROGRESS).context.lastProgressNote).toBe(
        'Visited; plan drafted',
      );
      expect(send(start(), GOOD.CHASE, GOOD.CHASE).context.chases).toBe(2);
    });

    it('verifies against the owner as reassigned, not as raised', () => {
      const reassigned = send(start(), { type: 'REASSIGN', ownerId: VERIFIER }, GOOD.START, GOOD.MARK_DONE);
      expect(reassigned.can({ type: 'VERIFY', verifierId: VERIFIER })).toBe(false);
      expect(reassigned.can({ type: 'VERIFY', verifierId: OWNER })).toBe(true);
    });
  });

  it('has exactly these tags in each state', () => {
    const sorted = (tags: string[]) => [...tags].sort();
    expect(tagsByState(actionMachine)).toEqual({
      open: sorted([T.Open, T.WorkOwed, T.Cancellable]),
      inProgress: sorted([T.Open, T.WorkOwed, T.Cancellable]),
      done: sorted([T.Open, T.AwaitingVerification, T.Cancellable]),
      verified: [T.Open],
      closed: [T.Resolved],
      cancelled: [T.Resolved],
    });
  });

  it('reaches every state, each by a path of good events', () => {
    const paths = getShortestPaths(actionMachine, {
      input: INPUT,
      events: Object.values(GOOD) as ActionEvent[],
      // By state alone: a chase counts up, so by context the graph would never end.
      serializeState: (state) => JSON.stringify(state.value),
    });
    const reached = new Set(paths.map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual(Object.keys(PATHS).sort());
  });

  it('restores a persisted snapshot and goes on from it', () => {
    const actor = createActor(actionMachine, { input: INPUT }).start();
    actor.send(GOOD.START);
    const persisted = actor.getPersistedSnapshot();
    actor.stop();
    const restored = createActor(actionMachine, { snapshot: persisted, input: INPUT }).start();
    restored.send(GOOD.MARK_DONE);
    expect(restored.getSnapshot().value).toBe('done');
    restored.stop();
  });
});
