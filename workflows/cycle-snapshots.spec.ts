import { createActor, type Snapshot } from 'xstate';
import { cycleV1ToV2, type LegacyCycleSnapshotV1 } from './cycle-snapshots.js';
import { type CycleEvent, cycleMachine } from './cycle.machine.js';

const DRAW = { open: 240, eligible: 200, selected: 24 };

/** A v1 snapshot as the first cycle machine persisted it: allocation counts in its context. */
const v1 = (value: LegacyCycleSnapshotV1['value'], closedAt: string | null = null): LegacyCycleSnapshotV1 =>
  JSON.parse(
    JSON.stringify({
      status: value === 'closed' ? 'done' : 'active',
      value,
      historyValue: {},
      context: { ...DRAW, allocated: 23, unallocated: 1, reallocations: 2, closedAt },
      children: {},
    }),
  ) as LegacyCycleSnapshotV1;

/** Migrates, stores as JSON (as the snapshot column does), and restores into a running actor. */
function restore(snapshot: LegacyCycleSnapshotV1) {
  const stored = JSON.parse(JSON.stringify(cycleV1ToV2(snapshot))) as Snapshot<unknown>;
  return createActor(cycleMachine, { snapshot: stored }).start();
}

/** The persisted snapshot the v2 machine writes itself after these events. */
function persistedAfter(...events: CycleEvent[]): unknown {
  const actor = createActor(cycleMachine).start();
  for (const event of events) actor.send(event);
  const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as unknown;
  actor.stop();
  return persisted;
}

const CLOSE: CycleEvent = { type: 'CLOSE', outstandingAudits: 0, at: '2026-12-31T17:00:00.000Z' };

describe('cycleV1ToV2', () => {
  it.each<[LegacyCycleSnapshotV1['value'], string]>([
    ['draft', 'draft'],
    ['selected', 'selected'],
    ['allocated', 'allocated'],
    ['inProgress', 'allocated'],
    ['closed', 'closed'],
  ])('restores a v1 %s cycle as %s, keeping the draw and dropping the stale counts', (from, to) => {
    const closedAt = from === 'closed' ? CLOSE.at : null;
    const actor = restore(v1(from, closedAt));
    const snapshot = actor.getSnapshot();
    expect(snapshot.value).toBe(to);
    expect(snapshot.context).toEqual({ ...DRAW, closedAt });
    actor.stop();
  });

  it('lets a cycle that v1 had in progress be reallocated and closed by the v2 machine', () => {
    const actor = restore(v1('inProgress'));
    expect(actor.getSnapshot().can({ type: 'REALLOCATE' })).toBe(true);
    actor.send({ type: 'REALLOCATE' });
    expect(actor.getSnapshot().can({ ...CLOSE, outstandingAudits: 3 })).toBe(false);
    actor.send(CLOSE);
    expect([actor.getSnapshot().value, actor.getSnapshot().status]).toEqual(['closed', 'done']);
    actor.stop();
  });

  it('gives the same persisted snapshot as the v2 machine would have written', () => {
    const select: CycleEvent = { type: 'SELECT', ...DRAW };
    const migrated = (value: LegacyCycleSnapshotV1['value']) =>
      JSON.parse(JSON.stringify(cycleV1ToV2(v1(value)))) as unknown;
    expect(migrated('selected')).toEqual(persistedAfter(select));
    expect(migrated('allocated')).toEqual(persistedAfter(select, { type: 'ALLOCATE' }));
    expect(migrated('inProgress')).toEqual(persistedAfter(select, { type: 'ALLOCATE' }));
  });

  it('refuses a state that no version of the machine has', () => {
    expect(() => cycleV1ToV2({ ...v1('allocated'), value: 'archived' as never })).toThrow();
  });
});
