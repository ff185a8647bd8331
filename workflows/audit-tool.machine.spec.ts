import { getShortestPaths } from '@xstate/graph';
import { createActor, initialTransition, transition, type Snapshot } from 'xstate';
import {
  AUDIT_TOOL_MACHINE_ID,
  AUDIT_TOOL_MACHINE_VERSION,
  type AuditToolEvent,
  type AuditToolState,
  auditToolMachine,
} from './audit-tool.machine.js';

type ToolSnapshot = ReturnType<typeof initialTransition<typeof auditToolMachine>>[0];

const EDIT: AuditToolEvent = { type: 'EDIT' };
const PUBLISH: AuditToolEvent = { type: 'PUBLISH', problems: 0 };
const PUBLISH_WITH_PROBLEMS: AuditToolEvent = { type: 'PUBLISH', problems: 2 };
const RETIRE: AuditToolEvent = { type: 'RETIRE', mustStayPublished: false, otherPublished: 0 };
const RETIRE_STANDARD: AuditToolEvent = { type: 'RETIRE', mustStayPublished: true, otherPublished: 1 };
const RETIRE_LAST_STANDARD: AuditToolEvent = { type: 'RETIRE', mustStayPublished: true, otherPublished: 0 };

const send = (snapshot: ToolSnapshot, ...events: AuditToolEvent[]) =>
  events.reduce((s, event) => transition(auditToolMachine, s, event)[0], snapshot);
const PATHS: Record<AuditToolState, AuditToolEvent[]> = {
  draft: [],
  published: [PUBLISH],
  retired: [PUBLISH, RETIRE],
};
const reach = (state: AuditToolState) => send(initialTransition(auditToolMachine)[0], ...PATHS[state]);

describe('audit-tool machine', () => {
  it('is identified and versioned for persisted snapshots, and starts as a draft', () => {
    expect(auditToolMachine.id).toBe(AUDIT_TOOL_MACHINE_ID);
    expect(auditToolMachine.version).toBe(AUDIT_TOOL_MACHINE_VERSION);
    const [state, actions] = initialTransition(auditToolMachine);
    expect([state.value, state.status, state.context, actions]).toEqual(['draft', 'active', {}, []]);
  });

  /** Every state × every event: where it goes, and whether the machine accepts it at all. */
  it.each<[AuditToolState, string, AuditToolEvent, AuditToolState, boolean]>([
    ['draft', 'EDIT', EDIT, 'draft', true],
    ['draft', 'PUBLISH', PUBLISH, 'published', true],
    ['draft', 'PUBLISH with problems', PUBLISH_WITH_PROBLEMS, 'draft', false],
    ['draft', 'RETIRE', RETIRE, 'draft', false],
    ['published', 'EDIT', EDIT, 'published', false],
    ['published', 'PUBLISH again', PUBLISH, 'published', false],
    ['published', 'RETIRE', RETIRE, 'retired', true],
    ['published', 'RETIRE a standard version with another published', RETIRE_STANDARD, 'retired', true],
    ['published', 'RETIRE the last standard version', RETIRE_LAST_STANDARD, 'published', false],
    ['retired', 'EDIT', EDIT, 'retired', false],
    ['retired', 'PUBLISH', PUBLISH, 'retired', false],
    ['retired', 'RETIRE again', RETIRE, 'retired', false],
  ])('%s + %s → %s (accepted: %j)', (from, _label, event, to, accepted) => {
    const before = reach(from);
    expect(before.can(event)).toBe(accepted);
    expect(send(before, event).value).toBe(to);
  });

  describe('guard definitionHasNoProblems (PUBLISH)', () => {
    it.each([
      [0, true],
      [1, false],
      [12, false],
    ])('%i problems → allowed %j', (problems, allowed) => {
      expect(reach('draft').can({ type: 'PUBLISH', problems })).toBe(allowed);
    });
  });

  describe('guard anotherVersionStaysPublished (RETIRE)', () => {
    it.each([
      [false, 0, true],
      [false, 3, true],
      [true, 0, false],
      [true, 1, true],
    ])(
      'mustStayPublished %j with %i others published → allowed %j',
      (mustStayPublished, otherPublished, allowed) => {
        expect(reach('published').can({ type: 'RETIRE', mustStayPublished, otherPublished })).toBe(allowed);
      },
    );
  });

  it('keeps a retired version final', () => {
    expect(reach('retired').status).toBe('done');
  });

  it('carries on from a snapshot stored as JSON', () => {
    const actor = createActor(auditToolMachine).start();
    actor.send(PUBLISH);
    const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as Snapshot<unknown>;
    actor.stop();
    const restored = createActor(auditToolMachine, { snapshot: stored }).start();
    expect(restored.getSnapshot().can(EDIT)).toBe(false);
    restored.send(RETIRE);
    expect(restored.getSnapshot().value).toBe('retired');
    restored.stop();
  });

  it('reaches every state by the expected shortest paths', () => {
    const paths = getShortestPaths(auditToolMachine, {
      events: [EDIT, PUBLISH, PUBLISH_WITH_PROBLEMS, RETIRE, RETIRE_LAST_STANDARD],
      serializeState: (state) => JSON.stringify(state.value),
    });
    const byState = Object.fromEntries(
      paths.map((p) => [p.state.value as string, p.steps.slice(1).map((s) => s.event.type)]),
    );
    expect(byState).toEqual({ draft: [], published: ['PUBLISH'], retired: ['PUBLISH', 'RETIRE'] });
  });
});
