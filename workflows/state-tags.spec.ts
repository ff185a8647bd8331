import { createActor, initialTransition, transition } from 'xstate';
import { AuditTag, auditMachine } from './audit.machine.js';
import { CycleTag, cycleMachine } from './cycle.machine.js';
import { statesTagged, tagsByState } from './state-tags.js';

const A = AuditTag;
const C = CycleTag;

/**
 * The whole state → tags table. A new state, or a state losing or gaining a meaning, fails here
 * until the table says what it means: the SQL filters and access checks follow the tags.
 */
const AUDIT_TAGS: Record<string, string[]> = {
  unallocated: [A.Open, A.CountsAsAudited, A.AwaitingAuditor],
  allocated: [A.Open, A.CountsAsAudited, A.WithAuditor, A.CountsTowardsLoad],
  inProgress: [
    A.Open,
    A.CountsAsAudited,
    A.WithAuditor,
    A.CountsTowardsLoad,
    A.TakesFamilyFeedback,
    A.Grading,
    A.Started,
  ],
  awaitingDiscussion: [
    A.Open,
    A.CountsAsAudited,
    A.WithAuditor,
    A.CountsTowardsLoad,
    A.TakesFamilyFeedback,
    A.Grading,
    A.Started,
  ],
  submitted: [
    A.Open,
    A.CountsAsAudited,
    A.WithAuditor,
    A.CountsTowardsLoad,
    A.TakesFamilyFeedback,
    A.VisibleToCaseTeam,
    A.Started,
  ],
  inModeration: [
    A.Open,
    A.CountsAsAudited,
    A.WithAuditor,
    A.CountsTowardsLoad,
    A.TakesFamilyFeedback,
    A.VisibleToCaseTeam,
    A.Started,
  ],
  completed: [
    A.Resolved,
    A.CountsAsAudited,
    A.WithAuditor,
    A.TakesFamilyFeedback,
    A.VisibleToCaseTeam,
    A.Started,
    A.AwaitingActions,
  ],
  closed: [A.Resolved, A.CountsAsAudited, A.WithAuditor, A.VisibleToCaseTeam, A.Started, A.Finished],
  withdrawn: [A.Resolved, A.Finished],
};

const CYCLE_TAGS: Record<string, string[]> = {
  draft: [C.Open],
  selected: [C.Open],
  allocated: [C.Open, C.Running],
  closed: [C.Resolved],
};

const sorted = (table: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(table).map(([state, tags]) => [state, [...tags].sort()]));

describe.each([
  ['audit', auditMachine, AUDIT_TAGS],
  ['cycle', cycleMachine, CYCLE_TAGS],
] as const)('the %s machine’s state tags', (_name, machine, table) => {
  it('are exactly the table', () => {
    expect(tagsByState(machine)).toEqual(sorted(table));
  });

  it('give every state exactly one of open or resolved', () => {
    for (const [state, tags] of Object.entries(tagsByState(machine))) {
      expect([state, tags.filter((t) => t === 'open' || t === 'resolved')]).toEqual([
        state,
        [expect.stringMatching(/^(open|resolved)$/)],
      ]);
    }
  });

  it('are only tags the machine declares', () => {
    const declared = new Set(Object.values(machine === auditMachine ? AuditTag : CycleTag) as string[]);
    for (const tags of Object.values(tagsByState(machine)))
      for (const t of tags) expect(declared).toContain(t);
  });
});

describe('statesTagged', () => {
  it('lists the states carrying a tag, in the machine’s order', () => {
    expect(statesTagged(auditMachine, A.VisibleToCaseTeam)).toEqual([
      'submitted',
      'inModeration',
      'completed',
      'closed',
    ]);
    expect(statesTagged(auditMachine, A.Resolved)).toEqual(['completed', 'closed', 'withdrawn']);
    expect(statesTagged(cycleMachine, C.Running)).toEqual(['allocated']);
  });

  it('lists nothing for a tag no state carries', () => {
    expect(statesTagged(auditMachine, 'noSuchTag')).toEqual([]);
  });
});

describe('tags on restored snapshots (tags are not persisted, the machine supplies them)', () => {
  it('a persisted audit snapshot restored reports its state’s tags', () => {
    let [snapshot] = initialTransition(auditMachine);
    [snapshot] = transition(auditMachine, snapshot, { type: 'ALLOCATE', auditorId: 7 });
    const persisted = JSON.parse(JSON.stringify(auditMachine.getPersistedSnapshot(snapshot)));
    expect(persisted).not.toHaveProperty('tags');
    const actor = createActor(auditMachine, { snapshot: persisted }).start();
    const restored = actor.getSnapshot();
    actor.stop();
    expect(restored.value).toBe('allocated');
    expect(restored.hasTag(A.CountsTowardsLoad)).toBe(true);
    expect(restored.hasTag(A.Open)).toBe(true);
    expect(restored.hasTag(A.Resolved)).toBe(false);
  });

  it('a persisted cycle snapshot restored reports its state’s tags', () => {
    const [snapshot] = initialTransition(cycleMachine);
    const persisted = JSON.parse(JSON.stringify(cycleMachine.getPersistedSnapshot(snapshot)));
    const restored = createActor(cycleMachine, { snapshot: persisted }).getSnapshot();
    expect(restored.hasTag(C.Open)).toBe(true);
    expect(restored.hasTag(C.Running)).toBe(false);
  });
});
