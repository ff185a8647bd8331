import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createActor,
  type EventFromLogic,
  type Snapshot,
} from 'xstate';
import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';
import { DomainError, ErrorCode } from '../common/index.js';
import { WorkflowTransition } from './workflow-transition.entity.js';
import { stateKey } from './state-key.js';
import { SNAPSHOT_MIGRATIONS, type SnapshotMigrations, upgradeSnapshot } from './snapshot-upgrade.js';

/** The columns every workflow-driven entity carries. */
export interface WorkflowRecord extends ObjectLiteral {
  id: number;
  machineId: string;
  machineVersion: string;
  state: string;
  snapshot: unknown;
  version: number;
}

export interface Actor {
  id: number | null;
  label: string;
}

export interface SendOptions<TMachine extends AnyStateMachine, TRecord extends WorkflowRecord> {
  machine: TMachine;
  entity: EntityTarget<TRecord>;
  entityType: string;
  record: TRecord;
  event: EventFromLogic<TMachine>;
  actor: Actor;
  /** The version the caller read; defaults to the record's. A mismatch is a stale update. */
  expectedVersion?: number;
  /** Other columns to write in the same UPDATE as the new snapshot. */
  patch?: Partial<TRecord>;
  detail?: Record<string, unknown>;
}

/**
 * The one place that moves a persisted workflow: restore the snapshot, check the event is
 * allowed (409 naming the state and the event if not), send it, and store the new snapshot with
 * an optimistic version check and a transition-history row, inside the caller's transaction.
 */
@Injectable()
export class WorkflowRunner {
  constructor(
    @Optional() @Inject(SNAPSHOT_MIGRATIONS) private readonly migrations: SnapshotMigrations = {},
  ) {}

  initialSnapshot<TMachine extends AnyStateMachine>(machine: TMachine): { snapshot: unknown; state: string } {
    return this.snapshotAfter(machine, []);
  }

  /** The persisted snapshot a new run reaches after `events`, for rows created in bulk. */
  snapshotAfter<TMachine extends AnyStateMachine>(
    machine: TMachine,
    events: readonly EventFromLogic<TMachine>[],
  ): { snapshot: unknown; state: string } {
    const actor = createActor(machine as AnyStateMachine).start();
    for (const event of events) actor.send(event);
    const snapshot = actor.getSnapshot() as AnyMachineSnapshot;
    const persisted = actor.getPersistedSnapshot();
    actor.stop();
    return { snapshot: persisted, state: stateKey(snapshot.value) };
  }

  async send<TMachine extends AnyStateMachine, TRecord extends WorkflowRecord>(
    manager: EntityManager,
    options: SendOptions<TMachine, TRecord>,
  ): Promise<TRecord> {
    const { machine, event } = options;
    const upgraded = upgradeSnapshot(this.migrations, options.record, String(machine.version));
    if ('missing' in upgraded) {
      throw new DomainError(
        ErrorCode.Conflict,
        `${options.entityType} ${options.record.id} was written by ${options.record.machineId} ` +
          `v${upgraded.missing}; no snapshot migration to v${machine.version} is registered`,
      );
    }
    const record = { ...options.record, snapshot: upgraded.snapshot, machineVersion: upgraded.version };
    const expectedVersion = options.expectedVersion ?? record.version;
    if (expectedVersion !== record.version) throw staleUpdate(options.entityType, record.id);

    const actor = createActor(machine as AnyStateMachine, {
      snapshot: record.snapshot as Snapshot<unknown>,
    }).start();
    const before = actor.getSnapshot() as AnyMachineSnapshot;
    if (!before.can(event)) {
      actor.stop();
      throw new DomainError(
        ErrorCode.IllegalTransition,
        `${event.type} is not allowed while the ${options.entityType} is ${record.state}`,
        { state: record.state, event: event.type },
      );
    }
    actor.send(event);
    const after = actor.getSnapshot() as AnyMachineSnapshot;
    const persisted = actor.getPersistedSnapshot();
    actor.stop();

    const toState = stateKey(after.value);
    const changes = {
      ...options.patch,
      snapshot: persisted,
      state: toState,
      machineVersion: record.machineVersion,
      version: expectedVersion + 1,
    };
    const result = await manager
      .createQueryBuilder()
      .update(options.entity)
      .set(changes as never)
      .where('id = :id AND version = :version', { id: record.id, version: expectedVersion })
      .execute();
    if (result.affected === 0) throw staleUpdate(options.entityType, record.id);

    await insertTransition(manager, {
      entityType: options.entityType,
      entityId: record.id,
      machineId: record.machineId,
      machineVersion: record.machineVersion,
      event: event.type,
      fromState: record.state,
      toState,
      actorId: options.actor.id,
      actorLabel: options.actor.label,
      detail: options.detail ?? null,
    });
    return { ...record, ...changes };
  }

  async recordStart(
    manager: EntityManager,
    entityType: string,
    record: WorkflowRecord,
    actor: Actor,
    detail?: Record<string, unknown>,
  ): Promise<void> {
    await insertTransition(manager, {
      entityType,
      entityId: record.id,
      machineId: record.machineId,
      machineVersion: record.machineVersion,
      event: 'CREATE',
      fromState: '',
      toState: record.state,
      actorId: actor.id,
      actorLabel: actor.label,
      detail: detail ?? null,
    });
  }
}

function insertTransition(manager: EntityManager, row: Omit<WorkflowTransition, 'id' | 'at'>) {
  // updateEntity(false): the history row is never read back, so skip TypeORM's re-select.
  return manager
    .createQueryBuilder()
    .insert()
    .into(WorkflowTransition)
    .values(row as QueryDeepPartialEntity<WorkflowTransition>)
    .updateEntity(false)
    .execute();
}

function staleUpdate(entityType: string, id: number): DomainError {
  return new DomainError(
    ErrorCode.StaleUpdate,
    `${entityType} ${id} was changed by someone else since it was read; reload and try again`,
  );
}
