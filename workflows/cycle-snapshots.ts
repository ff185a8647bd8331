import { type CycleContext, cycleMachine } from './cycle.machine.js';

/**
 * Snapshot migrations for the cycle machine, one per version bump.
 *
 * Version 1 kept allocated/unallocated counts and a reallocation count in its context, and went
 * `inProgress` at the first START of one of its audits. The counts went stale as soon as an audit
 * was withdrawn, and the START made two auditors' first starts race on the cycle row. Version 2
 * reads all of that from the audits (and the history), so the counts are dropped and an
 * `inProgress` cycle is `allocated`.
 */
export interface LegacyCycleSnapshotV1 {
  status: string;
  value: 'draft' | 'selected' | 'allocated' | 'inProgress' | 'closed';
  context: CycleContext & { allocated?: number; unallocated?: number; reallocations?: number };
}

export function cycleV1ToV2(snapshot: LegacyCycleSnapshotV1): unknown {
  const { open, eligible, selected, closedAt } = snapshot.context;
  const value = snapshot.value === 'inProgress' ? 'allocated' : snapshot.value;
  const state = cycleMachine.resolveState({ value, context: { open, eligible, selected, closedAt } });
  return cycleMachine.getPersistedSnapshot(state);
}
