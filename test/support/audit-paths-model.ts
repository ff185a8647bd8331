import { getShortestPaths, getSimplePaths, type StatePath } from '@xstate/graph';
import type { AnyStateNode, SnapshotFrom } from 'xstate';
import { DEFAULT_AUDIT_TOOL } from './default-audit-tool.js';
import { stateKey } from '../../libs/persistence/state-key.js';
import { type AuditEvent, auditMachine } from '../../workflows/audit.machine.js';
import { AGREED_DISCUSSION, completeDraft } from './audit-fixtures.js';

/**
 * The audit machine's side of the path tests: which paths to drive, and what the machine says
 * about each state. Nothing here knows about HTTP.
 */
export type AuditSnapshot = SnapshotFrom<typeof auditMachine>;
export type AuditPath = StatePath<AuditSnapshot, AuditEvent>;
export type EventType = AuditEvent['type'];

export const COHORT = 'CP';
/** Symbolic people: which real users they are depends on how a path's audit was allocated. */
export const FIRST = 1;
export const SECOND = 2;
export const MODERATOR = 3;

/**
 * The events to try in each state, with arguments that pass the guards for whoever holds the
 * audit (the guards' refusals are the unit spec's business). ALLOCATE goes to the first auditor
 * from unallocated and to the other one from allocated, so reallocation is a real step;
 * ESCALATE at most once, so the state space stays finite.
 */
function eventsFor(snapshot: AuditSnapshot): AuditEvent[] {
  const { auditorId, escalations } = snapshot.context;
  const actorId = auditorId ?? FIRST;
  const grading = <T extends 'FINISH_GRADING' | 'SUBMIT'>(type: T) =>
    ({ type, actorId, tool: DEFAULT_AUDIT_TOOL, cohort: COHORT, draft: completeDraft(COHORT) }) as Extract<
      AuditEvent,
      { type: T }
    >;
  return [
    { type: 'ALLOCATE', auditorId: auditorId === FIRST ? SECOND : FIRST },
    { type: 'START', actorId },
    grading('FINISH_GRADING'),
    { type: 'REOPEN', actorId },
    { type: 'RECORD_DISCUSSION', actorId, discussion: { ...AGREED_DISCUSSION, agreement: 'agrees' } },
    grading('SUBMIT'),
    ...(escalations === 0 ? [{ type: 'ESCALATE' as const, actorId }] : []),
    { type: 'SEND_TO_MODERATION' },
    { type: 'CONFIRM' },
    { type: 'MODERATE', moderatorId: MODERATOR },
    { type: 'WITHDRAW', reason: 'Case closed before the audit' },
    { type: 'CLOSE', openActions: 0 },
  ];
}

const options = {
  events: eventsFor,
  serializeState: (s: AuditSnapshot) => JSON.stringify([stateKey(s.value), s.context]),
};
const eventsOf = (path: AuditPath) => path.steps.slice(1).map((s) => describeEvent(s.event));

/** One shortest path to each state the machine can be in (its value and context). */
export const SHORTEST_PATHS: AuditPath[] = getShortestPaths(auditMachine, options);

/**
 * Every simple path (no state twice) is a prefix of a maximal one, so driving the maximal simple
 * paths drives them all; those already among the shortest paths are not driven twice.
 */
export const EXTRA_SIMPLE_PATHS: AuditPath[] = (() => {
  const simple = getSimplePaths(auditMachine, options).map((path) => ({ path, events: eventsOf(path) }));
  const extends_ = (longer: string[], shorter: string[]) =>
    longer.length > shorter.length && shorter.every((e, i) => longer[i] === e);
  const shortest = new Set(SHORTEST_PATHS.map((path) => eventsOf(path).join(' ')));
  return simple
    .filter(({ events }) => !simple.some((other) => extends_(other.events, events)))
    .filter(({ events }) => !shortest.has(events.join(' ')))
    .map(({ path }) => path);
})();

export function describeEvent(event: AuditEvent): string {
  if (event.type === 'ALLOCATE') return `ALLOCATE(${event.auditorId === FIRST ? 'first' : 'second'})`;
  return event.type;
}

export const describePath = (path: AuditPath) =>
  [
    stateKey(path.steps[0].state.value),
    ...path.steps.slice(1).map((s) => `${describeEvent(s.event)} → ${stateKey(s.state.value)}`),
  ].join(' · ');

/** Every state of the machine as the API names it (`parent.child` for nested ones). */
export function allStateKeys(node: AnyStateNode = auditMachine.root, prefix = ''): string[] {
  return Object.entries(node.states).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return Object.keys(child.states).length ? allStateKeys(child, path) : [path];
  });
}

function stateNode(key: string): AnyStateNode {
  return key.split('.').reduce<AnyStateNode>((node, part) => node.states[part], auditMachine.root);
}

/** The event types a state (or one of its parents) has a transition for, guarded or not. */
export function handledEvents(key: string): Set<string> {
  const handled = new Set<string>();
  for (let node: AnyStateNode | undefined = stateNode(key); node; node = node.parent) {
    for (const type of Object.keys(node.on)) handled.add(type);
  }
  return handled;
}

/** Every event type the machine takes anywhere. */
export const ALL_EVENT_TYPES = [...new Set(allStateKeys().flatMap((key) => [...handledEvents(key)]))].sort();
