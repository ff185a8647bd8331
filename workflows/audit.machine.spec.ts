import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { createActor, initialTransition, transition } from 'xstate';
import { appliesTo, type Grade } from './audit-tool-definition.js';
import { DEFAULT_AUDIT_TOOL } from '../test/support/default-audit-tool.js';
import type { AuditDraft, Discussion } from './audit-draft.js';
import {
  AUDIT_MACHINE_ID,
  AUDIT_MACHINE_VERSION,
  type AuditContext,
  type AuditEvent,
  auditMachine,
} from './audit.machine.js';

type Snapshot = ReturnType<typeof initialTransition<typeof auditMachine>>[0];
const AUDITOR = 7;
const OTHER = 8;
const MODERATOR = 9;
const COHORT = 'CLA';

const draftFor = (cohort: string, overrides: Partial<AuditDraft> = {}): AuditDraft => ({
  domains: Object.fromEntries(
    DEFAULT_AUDIT_TOOL.domains
      .filter((d) => appliesTo(d, cohort))
      .map((d) => [d.key, { grade: 'good' as Grade }]),
  ),
  compliance: Object.fromEntries(
    DEFAULT_AUDIT_TOOL.compliance.filter((i) => appliesTo(i, cohort)).map((i) => [i.key, 'met' as const]),
  ),
  improved: 'yes',
  overall: { grade: 'good', rationale: 'Plan progressing; child seen alone.' },
  ...overrides,
});
const COMPLETE = draftFor(COHORT);
const INADEQUATE = draftFor(COHORT, { overall: { grade: 'inadequate', rationale: 'Child not seen.' } });
const DISCUSSED: Discussion = {
  happened: true,
  heldOn: '2026-11-20',
  summary: 'Findings',
  agreement: 'agrees',
};

type EventOf<T extends AuditEvent['type']> = Extract<AuditEvent, { type: T }>;
const grading = <T extends 'FINISH_GRADING' | 'SUBMIT'>(
  type: T,
  draft = COMPLETE,
  actorId = AUDITOR,
  cohort = COHORT,
) => ({ type, actorId, tool: DEFAULT_AUDIT_TOOL, cohort, draft }) as EventOf<T>;
const discuss = (discussion = DISCUSSED, actorId = AUDITOR): EventOf<'RECORD_DISCUSSION'> => ({
  type: 'RECORD_DISCUSSION',
  actorId,
  discussion,
});

/** One event of each type that the machine accepts somewhere, with arguments that pass its guards. */
const GOOD = {
  ALLOCATE: { type: 'ALLOCATE', auditorId: AUDITOR },
  START: { type: 'START', actorId: AUDITOR },
  FINISH_GRADING: grading('FINISH_GRADING'),
  REOPEN: { type: 'REOPEN', actorId: AUDITOR },
  RECORD_DISCUSSION: discuss(),
  SUBMIT: grading('SUBMIT'),
  ESCALATE: { type: 'ESCALATE', actorId: AUDITOR },
  SEND_TO_MODERATION: { type: 'SEND_TO_MODERATION' },
  CONFIRM: { type: 'CONFIRM' },
  MODERATE: { type: 'MODERATE', moderatorId: MODERATOR },
  WITHDRAW: { type: 'WITHDRAW', reason: 'Case closed before the audit' },
  CLOSE: { type: 'CLOSE', openActions: 0 },
} satisfies { [K in AuditEvent['type']]: EventOf<K> };
type EventType = keyof typeof GOOD;

const INITIAL: AuditContext = {
  auditorId: null,
  escalations: 0,
  discussionRecorded: false,
  moderated: false,
  withdrawnReason: null,
};

const start = () => initialTransition(auditMachine)[0];
const send = (snapshot: Snapshot, ...events: AuditEvent[]) =>
  events.reduce((s, event) => transition(auditMachine, s, event)[0], snapshot);

const TO_IN_PROGRESS = [GOOD.ALLOCATE, GOOD.START];
const TO_DISCUSSED = [...TO_IN_PROGRESS, GOOD.FINISH_GRADING, GOOD.RECORD_DISCUSSION];
const TO_SUBMITTED = [...TO_DISCUSSED, GOOD.SUBMIT];
/** The way into each situation the matrix below looks at. */
const PATHS = {
  unallocated: [],
  allocated: [GOOD.ALLOCATE],
  inProgress: TO_IN_PROGRESS,
  awaitingDiscussion: [...TO_IN_PROGRESS, GOOD.FINISH_GRADING],
  discussed: TO_DISCUSSED,
  submitted: TO_SUBMITTED,
  inModeration: [...TO_SUBMITTED, GOOD.SEND_TO_MODERATION],
  completed: [...TO_SUBMITTED, GOOD.CONFIRM],
  closed: [...TO_SUBMITTED, GOOD.CONFIRM, GOOD.CLOSE],
  withdrawn: [GOOD.WITHDRAW],
} satisfies Record<string, AuditEvent[]>;
type Situation = keyof typeof PATHS;
type State = Exclude<Situation, 'discussed'>;
const reach = (situation: Situation) => send(start(), ...PATHS[situation]);

/** Where each good event leads from each situation; an event not listed is refused. */
const ACCEPTS: Record<Situation, Partial<Record<EventType, State>>> = {
  unallocated: { ALLOCATE: 'allocated', WITHDRAW: 'withdrawn' },
  allocated: { ALLOCATE: 'allocated', START: 'inProgress', WITHDRAW: 'withdrawn' },
  inProgress: { FINISH_GRADING: 'awaitingDiscussion', ESCALATE: 'inProgress', WITHDRAW: 'withdrawn' },
  awaitingDiscussion: {
    RECORD_DISCUSSION: 'awaitingDiscussion',
    REOPEN: 'inProgress',
    ESCALATE: 'awaitingDiscussion',
  },
  discussed: {
    RECORD_DISCUSSION: 'awaitingDiscussion',
    REOPEN: 'inProgress',
    ESCALATE: 'awaitingDiscussion',
    SUBMIT: 'submitted',
  },
  submitted: { SEND_TO_MODERATION: 'inModeration', CONFIRM: 'completed' },
  inModeration: { MODERATE: 'completed' },
  completed: { CLOSE: 'closed' },
  closed: {},
  withdrawn: {},
};
const MATRIX = (Object.keys(ACCEPTS) as Situation[]).flatMap((situation) =>
  (Object.keys(GOOD) as EventType[]).map(
    (type) => [situation, type, ACCEPTS[situation][type] ?? null] as const,
  ),
);

describe('audit machine', () => {
  it('is identified and versioned for persisted snapshots', () => {
    expect(auditMachine.id).toBe(AUDIT_MACHINE_ID);
    expect(auditMachine.version).toBe(AUDIT_MACHINE_VERSION);
    expect(AUDIT_MACHINE_VERSION).toBe('2');
  });

  it('starts unallocated with an empty context and no side effects', () => {
    const [snapshot, actions] = initialTransition(auditMachine);
    expect(snapshot.value).toBe('unallocated');
    expect(snapshot.context).toEqual(INITIAL);
    expect(actions).toEqual([]);
  });

  it.each(MATRIX)('%s + %s → %s (null: refused)', (situation, type, to) => {
    const before = reach(situation);
    expect(before.can(GOOD[type])).toBe(to !== null);
    const after = send(before, GOOD[type]);
    if (to === null) {
      expect(after.value).toBe(before.value);
      expect(after.context).toEqual(before.context);
    } else {
      expect(after.value).toBe(to);
    }
    expect(after.status).toBe(
      to === 'closed' || to === 'withdrawn' || before.status === 'done' ? 'done' : 'active',
    );
  });

  describe('guards', () => {
    it.each<[string, AuditEvent, Situation]>([
      ['START by someone else', { type: 'START', actorId: OTHER }, 'allocated'],
      ['FINISH_GRADING by someone else', grading('FINISH_GRADING', COMPLETE, OTHER), 'inProgress'],
      ['ESCALATE by someone else', { type: 'ESCALATE', actorId: OTHER }, 'inProgress'],
      ['REOPEN by someone else', { type: 'REOPEN', actorId: OTHER }, 'awaitingDiscussion'],
      ['RECORD_DISCUSSION by someone else', discuss(DISCUSSED, OTHER), 'awaitingDiscussion'],
      ['SUBMIT by someone else', grading('SUBMIT', COMPLETE, OTHER), 'discussed'],
      ['SUBMIT before the discussion', GOOD.SUBMIT, 'awaitingDiscussion'],
      [
        'SUBMIT of a grading made incomplete',
        grading('SUBMIT', draftFor(COHORT, { improved: undefined })),
        'discussed',
      ],
      ['MODERATE by the auditor', { type: 'MODERATE', moderatorId: AUDITOR }, 'inModeration'],
      ['WITHDRAW without a reason', { type: 'WITHDRAW', reason: '' }, 'allocated'],
      ['WITHDRAW with a blank reason', { type: 'WITHDRAW', reason: ' \n\t ' }, 'inProgress'],
      ['CLOSE with an open action', { type: 'CLOSE', openActions: 1 }, 'completed'],
      ['CLOSE with a negative count', { type: 'CLOSE', openActions: -1 }, 'completed'],
    ])('refuses %s', (_label, event, situation) => {
      const before = reach(situation);
      expect(before.can(event)).toBe(false);
      const after = send(before, event);
      expect([after.value, after.context]).toEqual([before.value, before.context]);
    });

    it.each<[string, AuditDraft, string, boolean]>([
      ['a complete CLA draft', COMPLETE, 'CLA', true],
      ['a CLA draft judged as a care leaver case (no pathway plan)', COMPLETE, 'CL', false],
      ['a CL draft judged as a CLA case (no permanence)', draftFor('CL'), 'CLA', false],
      ['a draft with no permanence grade', draftFor('CIN'), 'CLA', false],
      [
        'a draft with a Requires improvement grade and no evidence',
        draftFor(COHORT, {
          domains: { ...COMPLETE.domains, plan: { grade: 'requires_improvement', evidence: '  ' } },
        }),
        'CLA',
        false,
      ],
      ['a draft without the three-month answer', draftFor(COHORT, { improved: undefined }), 'CLA', false],
      ['a draft without a rationale', draftFor(COHORT, { overall: { grade: 'good' } }), 'CLA', false],
      ['an inadequate draft with no action or escalation', INADEQUATE, 'CLA', false],
      [
        'an inadequate draft with an action',
        {
          ...INADEQUATE,
          actions: [
            { what: 'Visit', why: 'Not seen', ownerId: 3, dueOn: '2026-12-01', successMeasure: 'Seen' },
          ],
        },
        'CLA',
        true,
      ],
    ])('FINISH_GRADING with %s → accepted %j', (_label, draft, cohort, accepted) => {
      const event = grading('FINISH_GRADING', draft, AUDITOR, cohort);
      expect(reach('inProgress').can(event)).toBe(accepted);
      expect(send(reach('inProgress'), event).value).toBe(accepted ? 'awaitingDiscussion' : 'inProgress');
    });

    it('lets an escalation stand in for the action an inadequate grade needs, up to SUBMIT', () => {
      const escalated = send(reach('inProgress'), GOOD.ESCALATE);
      const graded = send(escalated, grading('FINISH_GRADING', INADEQUATE));
      expect(graded.value).toBe('awaitingDiscussion');
      expect(send(graded, discuss(), grading('SUBMIT', INADEQUATE)).value).toBe('submitted');
      // Without the escalation, the same draft is stopped at SUBMIT as well as at FINISH_GRADING.
      expect(send(reach('discussed'), grading('SUBMIT', INADEQUATE)).value).toBe('awaitingDiscussion');
      expect(send(reach('discussed'), GOOD.ESCALATE, grading('SUBMIT', INADEQUATE)).value).toBe('submitted');
    });

    it.each<[string, Discussion, boolean]>([
      ['held and agreed', DISCUSSED, true],
      ['held, disagreement noted', { ...DISCUSSED, agreement: 'disagrees', disagreement: 'The grade' }, true],
      ['held, disagreement not noted', { ...DISCUSSED, agreement: 'partly' }, false],
      ['held, no summary', { ...DISCUSSED, summary: ' ' }, false],
      ['held, no date', { ...DISCUSSED, heldOn: undefined }, false],
      ['not held, with a reason', { happened: false, notHeldReason: 'Worker on leave' }, true],
      ['not held, no reason', { happened: false }, false],
    ])('RECORD_DISCUSSION %s → recorded %j', (_label, discussion, recorded) => {
      const before = reach('awaitingDiscussion');
      expect(before.can(discuss(discussion))).toBe(recorded);
      expect(send(before, discuss(discussion)).context.discussionRecorded).toBe(recorded);
    });
  });

  describe('context', () => {
    it('ALLOCATE sets the auditor; re-ALLOCATE replaces them, and only the new auditor may START', () => {
      expect(reach('allocated').context).toEqual({ ...INITIAL, auditorId: AUDITOR });
      const moved = send(reach('allocated'), { type: 'ALLOCATE', auditorId: OTHER });
      expect(moved.value).toBe('allocated');
      expect(moved.context).toEqual({ ...INITIAL, auditorId: OTHER });
      expect(moved.can(GOOD.START)).toBe(false);
      expect(send(moved, { type: 'START', actorId: OTHER }).value).toBe('inProgress');
    });

    it('counts escalations in inProgress and awaitingDiscussion, and keeps the count', () => {
      const twice = send(reach('inProgress'), GOOD.ESCALATE, GOOD.ESCALATE);
      expect(twice.context.escalations).toBe(2);
      const later = send(twice, GOOD.FINISH_GRADING, GOOD.ESCALATE, discuss(), GOOD.SUBMIT, GOOD.CONFIRM);
      expect(later.value).toBe('completed');
      expect(later.context.escalations).toBe(3);
    });

    it('records the discussion, and asks for it again once the grades are reopened', () => {
      const discussed = reach('discussed');
      expect(discussed.context.discussionRecorded).toBe(true);
      const reopened = send(discussed, GOOD.REOPEN);
      expect(reopened.value).toBe('inProgress');
      expect(reopened.context.discussionRecorded).toBe(false);
      expect(send(reopened, GOOD.FINISH_GRADING, GOOD.SUBMIT).value).toBe('awaitingDiscussion');
      expect(send(reopened, GOOD.FINISH_GRADING, discuss(), GOOD.SUBMIT).value).toBe('submitted');
    });

    it('marks a moderated audit, and only that one', () => {
      expect(reach('completed').context.moderated).toBe(false);
      const moderated = send(reach('inModeration'), GOOD.MODERATE);
      expect(moderated.value).toBe('completed');
      expect(moderated.context).toEqual({
        ...INITIAL,
        auditorId: AUDITOR,
        discussionRecorded: true,
        moderated: true,
      });
    });

    it.each<Situation>(['unallocated', 'allocated', 'inProgress'])(
      'WITHDRAW from %s keeps the reason',
      (situation) => {
        const after = send(reach(situation), GOOD.WITHDRAW);
        expect(after.value).toBe('withdrawn');
        expect(after.context).toEqual({
          ...reach(situation).context,
          withdrawnReason: 'Case closed before the audit',
        });
      },
    );

    it.each<Situation>(['closed', 'withdrawn'])('%s is final: done, and deaf to every event', (situation) => {
      const final = reach(situation);
      expect(final.status).toBe('done');
      for (const event of Object.values(GOOD)) expect(send(final, event)).toEqual(final);
    });
  });

  it('continues from a persisted snapshot restored from JSON', () => {
    const actor = createActor(auditMachine).start();
    for (const event of [GOOD.ALLOCATE, GOOD.START, GOOD.ESCALATE, GOOD.FINISH_GRADING]) actor.send(event);
    const persisted = actor.getPersistedSnapshot();
    actor.stop();

    const restored = createActor(auditMachine, { snapshot: JSON.parse(JSON.stringify(persisted)) }).start();
    expect(restored.getSnapshot().value).toBe('awaitingDiscussion');
    expect(restored.getSnapshot().context).toEqual({ ...INITIAL, auditorId: AUDITOR, escalations: 1 });
    expect(restored.getSnapshot().can(GOOD.SUBMIT)).toBe(false);
    expect(restored.getSnapshot().can(discuss(DISCUSSED, OTHER))).toBe(false);
    for (const event of [GOOD.RECORD_DISCUSSION, GOOD.SUBMIT, GOOD.SEND_TO_MODERATION]) restored.send(event);
    expect(restored.getSnapshot().can({ type: 'MODERATE', moderatorId: AUDITOR })).toBe(false);
    restored.send(GOOD.MODERATE);
    restored.send(GOOD.CLOSE);
    expect(restored.getSnapshot().value).toBe('closed');
    expect(restored.getSnapshot().status).toBe('done');
    expect(restored.getSnapshot().context).toEqual({
      auditorId: AUDITOR,
      escalations: 1,
      discussionRecorded: true,
      moderated: true,
      withdrawnReason: null,
    });
  });
});

describe('audit machine as a graph', () => {
  /** Good and bad events alike; ESCALATE only once, so the state space stays finite. */
  const events = (snapshot: Snapshot): AuditEvent[] => [
    ...Object.values(GOOD).filter((e) => e.type !== 'ESCALATE' || snapshot.context.escalations === 0),
    { type: 'START', actorId: OTHER },
    grading('FINISH_GRADING', INADEQUATE),
    grading('SUBMIT', INADEQUATE),
    discuss({ happened: false }),
    { type: 'MODERATE', moderatorId: AUDITOR },
    { type: 'WITHDRAW', reason: '   ' },
    { type: 'CLOSE', openActions: 2 },
  ];
  const options = { events, serializeState: (s: Snapshot) => JSON.stringify([s.value, s.context]) };

  it('reaches every state of the machine, by the expected shortest paths', () => {
    const shortest = new Map<string, string[]>();
    for (const path of getShortestPaths(auditMachine, options)) {
      const types = path.steps.slice(1).map((s) => s.event.type);
      const value = path.state.value as string;
      if (!shortest.has(value) || shortest.get(value)!.length > types.length) shortest.set(value, types);
    }
    expect([...shortest.keys()].sort()).toEqual(Object.keys(auditMachine.root.states).sort());
    expect(Object.fromEntries(shortest)).toEqual({
      unallocated: [],
      allocated: ['ALLOCATE'],
      inProgress: ['ALLOCATE', 'START'],
      awaitingDiscussion: ['ALLOCATE', 'START', 'FINISH_GRADING'],
      submitted: ['ALLOCATE', 'START', 'FINISH_GRADING', 'RECORD_DISCUSSION', 'SUBMIT'],
      inModeration: [
        'ALLOCATE',
        'START',
        'FINISH_GRADING',
        'RECORD_DISCUSSION',
        'SUBMIT',
        'SEND_TO_MODERATION',
      ],
      completed: ['ALLOCATE', 'START', 'FINISH_GRADING', 'RECORD_DISCUSSION', 'SUBMIT', 'CONFIRM'],
      closed: ['ALLOCATE', 'START', 'FINISH_GRADING', 'RECORD_DISCUSSION', 'SUBMIT', 'CONFIRM', 'CLOSE'],
      withdrawn: ['WITHDRAW'],
    });
  });

  it('never reaches submitted without a recorded discussion and a grading the auditor finished', () => {
    const paths = getSimplePaths(auditMachine, { ...options, toState: (s) => s.matches('submitted') });
    expect(paths.length).toBeGreaterThan(1);
    for (const path of paths) {
      const types = path.steps.map((s) => s.event.type);
      expect(types).toContain('RECORD_DISCUSSION');
      expect(types.indexOf('FINISH_GRADING')).toBeLessThan(types.lastIndexOf('SUBMIT'));
      expect(path.state.context.discussionRecorded).toBe(true);
      // Replaying the path step by step, each event is one the snapshot before it accepts.
      let snapshot = start();
      for (const step of path.steps.slice(1)) {
        expect(snapshot.can(step.event)).toBe(true);
        snapshot = send(snapshot, step.event);
      }
      expect(snapshot.value).toBe('submitted');
    }
  });
});
