import { CYCLE_MACHINE_VERSION } from '../../workflows/cycle.machine.js';
import { upgradeSnapshot } from './snapshot-migrations.js';

/** The runner lifts what it restores through this registry: each machine's steps must be in it. */
describe('snapshot migrations registry', () => {
  const cycleV1 = {
    id: 1,
    machineId: 'auditCycle',
    machineVersion: '1',
    state: 'allocated',
    snapshot: {
      status: 'active',
      value: 'inProgress',
      historyValue: {},
      context: {
        open: 2,
        eligible: 2,
        selected: 2,
        allocated: 2,
        unallocated: 0,
        reallocations: 0,
        closedAt: null,
      },
      children: {},
    },
  };

  it('lifts a v1 cycle snapshot to the current cycle machine version', () => {
    const upgraded = upgradeSnapshot(cycleV1, CYCLE_MACHINE_VERSION);
    expect(upgraded).toMatchObject({
      version: CYCLE_MACHINE_VERSION,
      snapshot: { value: 'allocated', context: { open: 2, eligible: 2, selected: 2, closedAt: null } },
    });
    expect((upgraded as { snapshot: { context: object } }).snapshot.context).not.toHaveProperty('allocated');
  });

  it('says which step is missing for a version it has no migration from', () => {
    expect(upgradeSnapshot({ ...cycleV1, machineVersion: '0' }, CYCLE_MACHINE_VERSION)).toEqual({
      missing: '0',
    });
  });
});
