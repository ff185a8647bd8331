import { getShortestPaths } from '@xstate/graph';
import fc from 'fast-check';
import { initialTransition, transition } from 'xstate';
import {
  CYCLE_MACHINE_ID,
  CYCLE_MACHINE_VERSION,
  type CycleContext,
  type CycleEvent,
  type CycleState,
  cycleMachine,
} from './cycle.machine.js';

type Snapshot = ReturnType<typeof initialTransition<typeof cycleMachine>>[0];

const SELECT: CycleEvent = { type: 'SELECT', open: 240, eligible: 200, selected: 24 };
const ALLOCATE: CycleEvent = { type: 'ALLOCATE' };
const REALLOCATE: CycleEvent = { type: 'REALLOCATE' };
const CLOSE: CycleEvent = { type: 'CLOSE', outstandingAudits: 0, at: '2024-07-31T17:00:00.000Z' };
const CLOSE_TOO_SOON: CycleEvent = { type: 'CLOSE', outstandingAudits: 3, at: '2024-07-20T09:00:00.000Z' };
const EMPTY_SELECT: CycleEvent = { type: 'SELECT', open: 10, eligible: 0, selected: 0 };

const INITIAL_CONTEXT: CycleContext = { open: 0, eligible: 0, selected: 0, closedAt: null };

const start = () => initialTransition(cycleMachine)[0];
const send = (snapshot: Snapshot, ...events: CycleEvent[]) =>
  events.reduce((s, event) => transition(cycleMachine, s, event)[0], snapshot);

/** The shortest way into each state. */
const PATHS: Record<CycleState, CycleEvent[]> = {
  draft: [],
  selected: [SELECT],
  allocated: [SELECT, ALLOCATE],
  closed: [SELECT, ALLOCATE, CLOSE],
};
const reach = (state: CycleState) => send(start(), ...PATHS[state]);

describe('cycle machine', () => {
  it('is identified and versioned for persisted snapshots', () => {
    expect(cycleMachine.id).toBe(CYCLE_MACHINE_ID);
    expect(CYCLE_MACHINE_ID).toBe('auditCycle');
    expect(cycleMachine.version).toBe(CYCLE_MACHINE_VERSION);
  });

  it('starts in draft with empty counts and no side effects', () => {
    const [state, actions] = initialTransition(cycleMachine);
    expect(state.value).toBe('draft');
    expect(state.status).toBe('active');
    expect(state.context).toEqual(INITIAL_CONTEXT);
    expect(actions).toEqual([]);
  });

  it.each(Object.keys(PATHS) as CycleState[])('reaches %s', (state) => {
    expect(reach(state).value).toBe(state);
  });

  /** Every state × every event: where it goes, and whether the machine accepts it at all. */
  it.each<[CycleState, string, CycleEvent, CycleState, boolean]>([
    ['draft', 'SELECT', SELECT, 'selected', true],
    ['draft', 'SELECT of nothing', EMPTY_SELECT, 'draft', false],
    ['draft', 'ALLOCATE', ALLOCATE, 'draft', false],
    ['draft', 'REALLOCATE', REALLOCATE, 'draft', false],
    ['draft', 'CLOSE', CLOSE, 'draft', false],
    ['selected', 'SELECT again', SELECT, 'selected', false],
    ['selected', 'ALLOCATE', ALLOCATE, 'allocated', true],
    ['selected', 'REALLOCATE', REALLOCATE, 'selected', false],
    ['selected', 'CLOSE', CLOSE, 'selected', false],
    ['allocated', 'SELECT', SELECT, 'allocated', false],
    ['allocated', 'ALLOCATE again', ALLOCATE, 'allocated', false],
    ['allocated', 'REALLOCATE', REALLOCATE, 'allocated', true],
    ['allocated', 'CLOSE with nothing outstanding', CLOSE, 'closed', true],
    ['allocated', 'CLOSE with audits outstanding', CLOSE_TOO_SOON, 'allocated', false],
    ['closed', 'SELECT', SELECT, 'closed', false],
    ['closed', 'ALLOCATE', ALLOCATE, 'closed', false],
    ['closed', 'REALLOCATE', REALLOCATE, 'closed', false],
    ['closed', 'CLOSE', CLOSE, 'closed', false],
  ])('%s + %s → %s (accepted: %j)', (from, _label, event, to, accepted) => {
    const before = reach(from);
    expect(before.can(event)).toBe(accepted);
    const [after] = transition(cycleMachine, before, event);
    expect(after.value).toBe(to);
    // A refused event changes nothing at all.
    if (!accepted) expect(after.context).toEqual(before.context);
  });

  describe('guard hasSelection (SELECT)', () => {
    it.each([
      [-1, false],
      [0, false],
      [1, true],
      [24, true],
    ])('selected = %i → allowed %j', (selected, allowed) => {
      const event: CycleEvent = { type: 'SELECT', open: 240, eligible: 200, selected };
      expect(start().can(event)).toBe(allowed);
      expect(send(start(), event).value).toBe(allowed ? 'selected' : 'draft');
    });
  });

  describe('guard everyAuditResolved (CLOSE)', () => {
    it.each<[CycleState, number, boolean]>([
      ['allocated', 0, true],
      ['allocated', 1, false],
      ['allocated', 24, false],
      ['allocated', -1, false],
    ])('from %s with %i outstanding → allowed %j', (from, outstandingAudits, allowed) => {
      const event: CycleEvent = { type: 'CLOSE', outstandingAudits, at: '2024-07-31T17:00:00.000Z' };
      const before = reach(from);
      expect(before.can(event)).toBe(allowed);
      const after = send(before, event);
      expect(after.value).toBe(allowed ? 'closed' : from);
      expect(after.context.closedAt).toBe(allowed ? '2024-07-31T17:00:00.000Z' : null);
      expect(after.status).toBe(allowed ? 'done' : 'active');
    });
  });

  describe('actions', () => {
    it('recordSelection stores the counts from SELECT and nothing else', () => {
      expect(reach('selected').context).toEqual({
        ...INITIAL_CONTEXT,
        open: 240,
        eligible: 200,
        selected: 24,
      });
    });

    it('ALLOCATE and REALLOCATE change no context: the allocation figures are read from the audits', () => {
      const allocated = reach('allocated');
      expect(allocated.context).toEqual(reach('selected').context);
      const reallocated = send(allocated, REALLOCATE, REALLOCATE);
      expect(reallocated.value).toBe('allocated');
      expect(reallocated.context).toEqual(allocated.context);
    });

    it('recordClosure stamps the closing time; closed is final', () => {
      const closed = reach('closed');
      expect(closed.context.closedAt).toBe('2024-07-31T17:00:00.000Z');
      expect(closed.status).toBe('done');
      const after = send(closed, REALLOCATE, CLOSE_TOO_SOON, { ...CLOSE, at: '2030-01-01T00:00:00.000Z' });
      expect(after.context).toEqual(closed.context);
    });
  });

  it('is pure: a transition leaves the snapshot it started from as it was', () => {
    const before = reach('allocated');
    const copy = JSON.parse(JSON.stringify(before.context));
    send(before, REALLOCATE, CLOSE);
    expect(before.value).toBe('allocated');
    expect(before.context).toEqual(copy);
  });

  it('carries on from a snapshot restored from storage', () => {
    const stored = JSON.parse(JSON.stringify(reach('allocated').context)) as CycleContext;
    const restored = cycleMachine.resolveState({ value: 'allocated', context: stored });
    expect(restored.can(ALLOCATE)).toBe(false);
    expect(send(restored, CLOSE).value).toBe('closed');
  });

  it('reaches every state, by the expected shortest paths, and nothing else', () => {
    const paths = getShortestPaths(cycleMachine, {
      events: [SELECT, EMPTY_SELECT, ALLOCATE, REALLOCATE, CLOSE, CLOSE_TOO_SOON],
      serializeState: (state) => JSON.stringify(state.value),
    });
    // Each path opens with the machine's own `xstate.init` step.
    const byState = Object.fromEntries(
      paths.map((p) => [p.state.value as string, p.steps.slice(1).map((s) => s.event.type)]),
    );
    for (const p of paths) expect(p.steps[0].event).toEqual({ type: 'xstate.init' });
    expect(byState).toEqual({
      draft: [],
      selected: ['SELECT'],
      allocated: ['SELECT', 'ALLOCATE'],
      closed: ['SELECT', 'ALLOCATE', 'CLOSE'],
    });
  });
});

/** A plain model of the lifecycle, to check the machine against over random event sequences. */
function model(events: CycleEvent[]): { value: CycleState; context: CycleContext } {
  let value: CycleState = 'draft';
  let context = { ...INITIAL_CONTEXT };
  for (const e of events) {
    if (value === 'draft' && e.type === 'SELECT' && e.selected > 0) {
      value = 'selected';
      context = { ...context, open: e.open, eligible: e.eligible, selected: e.selected };
    } else if (value === 'selected' && e.type === 'ALLOCATE') {
      value = 'allocated';
    } else if (value === 'allocated' && e.type === 'CLOSE' && e.outstandingAudits === 0) {
      value = 'closed';
      context = { ...context, closedAt: e.at };
    }
  }
  return { value, context };
}

const count = fc.integer({ min: -1, max: 50 });
const eventArb: fc.Arbitrary<CycleEvent> = fc.oneof(
  fc.record({ type: fc.constant('SELECT' as const), open: count, eligible: count, selected: count }),
  fc.constant({ type: 'ALLOCATE' as const }),
  fc.constant({ type: 'REALLOCATE' as const }),
  fc.record({
    type: fc.constant('CLOSE' as const),
    outstandingAudits: fc.oneof(fc.constant(0), count),
    at: fc.constantFrom('2024-07-31T17:00:00.000Z', '2024-08-01T09:30:00.000Z'),
  }),
);

describe('cycle machine against a model', () => {
  it('agrees with the model on state and context after any sequence of events', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 25 }), (events) => {
        const expected = model(events);
        const actual = send(start(), ...events);
        expect(actual.value).toBe(expected.value);
        expect(actual.context).toEqual(expected.context);
        expect(actual.status).toBe(expected.value === 'closed' ? 'done' : 'active');
      }),
      { numRuns: 200 },
    );
  });
});
