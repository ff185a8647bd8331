import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createActor,
  type EventFromLogic,
  type Snapshot,
} from 'xstate';
import type { EntityManager, EntityTarget, FindOptionsSelect, ObjectLiteral } from 'typeorm';
import { Clock } from '../clock/index.js';
import { DomainError, ErrorCode } from '../common/index.js';
import type { Page, PageRequest } from '../common/index.js';
import {
  type HistoryRow,
  insertTransitions,
  readHistory,
  readHistoryPage,
  type TransitionRow,
} from './workflow-history.js';
import { stateKey } from './state-key.js';
import { updateVersioned } from './versioned-update.js';
import { SNAPSHOT_MIGRATIONS, type SnapshotMigrations, upgradeSnapshot } from './snapshot-upgrade.js';

/** The columns every workflow-driven entity carries (see WorkflowColumns). */
export interface WorkflowRun extends ObjectLiteral {
  id: number;
  machineId: string;
  machineVersion: string;
  state: string;
  snapshot: unknown;
}

/** A run whose optimistic-lock version is its `version` column, as most are. */
export interface WorkflowRecord extends WorkflowRun {
  version: number;
}

export interface Actor {
  id: number | null;
  label: string;
}

export interface SendOptions<TMachine extends AnyStateMachine, TRecord extends WorkflowRun> {
  machine: TMachine;
  entity: EntityTarget<TRecord>;
  /** As stored in the history (`audit`, `audit_tool`); messages read it with spaces. */
  entityType: string;
  record: TRecord;
  event: EventFromLogic<TMachine>;
  actor: Actor;
  /** The version the caller read; defaults to the record's. A mismatch is a stale update. */
  expectedVersion?: number;
  /**
   * The property that holds the optimistic-lock version, `version` unless the entity uses that
   * name for something else (an audit tool's `version` is its number: v1, v2…).
   */
  lockField?: keyof TRecord & string;
  /** Other columns to write in the same UPDATE as the new snapshot. */
  patch?: Partial<TRecord>;
  detail?: Record<string, unknown>;
}

/** A run created outside `send` (inserted alone or in bulk): its first history row. */
export interface RunStart {
  entityId: number;
  machineId: string;
  machineVersion: string;
  state: string;
  /** `CREATE` from nothing unless the run was created already past its first event. */
  event?: string;
  fromState?: string;
  detail?: Record<string, unknown> | null;
}

/**
 * The one place that moves a persisted workflow and writes its history: restore the snapshot,
 * check the event is allowed (409 naming the state and the event if not), send it, and store
 * the new snapshot with an optimistic version check and a transition row, inside the caller's
 * transaction. Runs created in bulk record their first transition here too (`recordStarts`).
 */
@Injectable()
export class WorkflowRunner {
  constructor(
    private readonly clock: Clock,
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

  async send<TMachine extends AnyStateMachine, TRecord extends WorkflowRun>(
    manager: EntityManager,
    options: SendOptions<TMachine, TRecord>,
  ): Promise<TRecord> {
    const { machine, event } = options;
    const lockField = options.lockField ?? 'version';
    const upgraded = upgradeSnapshot(this.migrations, options.record, String(machine.version));
    if ('missing' in upgraded) {
      throw new DomainError(
        ErrorCode.Conflict,
        `${options.entityType} ${options.record.id} was written by ${options.record.machineId} ` +
          `v${upgraded.missing}; no snapshot migration to v${machine.version} is registered`,
      );
    }
    const record = { ...options.record, snapshot: upgraded.snapshot, machineVersion: upgraded.version };
    const current = Number(record[lockField]);
    const expectedVersion = options.expectedVersion ?? current;
    if (expectedVersion !== current) throw staleUpdate(options.entityType, record.id);

    const actor = createActor(machine as AnyStateMachine, {
      snapshot: record.snapshot as Snapshot<unknown>,
    }).start();
    const before = actor.getSnapshot() as AnyMachineSnapshot;
    // The state as the (possibly upgraded) snapshot has it: an older version's state may be gone.
    const fromState = stateKey(before.value);
    if (!before.can(event)) {
      actor.stop();
      throw DomainError.illegalTransition(entityLabel(options.entityType), fromState, event.type);
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
      [lockField]: expectedVersion + 1,
    };
    const now = this.clock.nowIso();
    const where = { id: record.id, lockField, expected: expectedVersion };
    const written = await updateVersioned(manager, options.entity, where, changes, now);
    if (!written) throw staleUpdate(options.entityType, record.id);

    await insertTransitions(now, manager, [historyRow(options, record, event.type, fromState, toState)]);
    return { ...record, ...written } as TRecord;
  }

  /**
   * A change to a run's data that is no transition (feedback recorded after submission): the
   * same optimistic version check as `send`, and a history row from the state to itself naming
   * the change, so the history says who changed what, and when. The caller has checked that the
   * run's state allows the change; `detail` keeps what it replaced.
   */
  async recordChange<TRecord extends WorkflowRecord>(
    manager: EntityManager,
    options: Omit<SendOptions<AnyStateMachine, TRecord>, 'machine' | 'event' | 'lockField'> & {
      change: string;
    },
  ): Promise<TRecord> {
    const { record } = options;
    const expectedVersion = options.expectedVersion ?? record.version;
    if (expectedVersion !== Number(record.version)) throw staleUpdate(options.entityType, record.id);
    const now = this.clock.nowIso();
    const where = { id: record.id, lockField: 'version', expected: expectedVersion };
    const changes = { ...options.patch, version: expectedVersion + 1 };
    const written = await updateVersioned(manager, options.entity, where, changes, now);
    if (!written) throw staleUpdate(options.entityType, record.id);
    const row = historyRow(options, record, options.change, record.state, record.state);
    await insertTransitions(now, manager, [row]);
    return { ...record, ...written } as TRecord;
  }

  /** The first history row of a run inserted by the caller. */
  recordStart(
    manager: EntityManager,
    entityType: string,
    record: WorkflowRun,
    actor: Actor,
    detail?: Record<string, unknown>,
  ): Promise<void> {
    return this.recordStarts(manager, entityType, [{ ...startOf(record), detail }], actor);
  }

  /** The first history rows of many runs inserted together (a cycle's audits), in bulk inserts. */
  recordStarts(
    manager: EntityManager,
    entityType: string,
    starts: readonly RunStart[],
    actor: Actor,
  ): Promise<void> {
    return insertTransitions(
      this.clock.nowIso(),
      manager,
      starts.map((s): TransitionRow => ({
        entityType,
        entityId: s.entityId,
        machineId: s.machineId,
        machineVersion: s.machineVersion,
        event: s.event ?? 'CREATE',
        fromState: s.fromState ?? '',
        toState: s.state,
        actorId: actor.id,
        actorLabel: actor.label,
        detail: s.detail ?? null,
      })),
    );
  }

  /** A run's transitions, oldest first: what an inspector reads. */
  history(
    manager: EntityManager,
    entityType: string,
    entityId: number,
    select?: FindOptionsSelect<HistoryRow>,
  ): Promise<HistoryRow[]> {
    return readHistory(manager, entityType, entityId, select);
  }

  /** The same history, one page at a time (the list routes). */
  historyPage(
    manager: EntityManager,
    entityType: string,
    entityId: number,
    page: PageRequest,
  ): Promise<Page<HistoryRow>> {
    return readHistoryPage(manager, entityType, entityId, page);
  }
}

export function startOf(record: WorkflowRun): RunStart {
  return {
    entityId: record.id,
    machineId: record.machineId,
    machineVersion: record.machineVersion,
    state: record.state,
  };
}

/** The history row of one event (or recorded change) of `record`, by `options.actor`. */
function historyRow(
  options: Pick<SendOptions<AnyStateMachine, WorkflowRun>, 'entityType' | 'actor' | 'detail'>,
  record: WorkflowRun,
  event: string,
  fromState: string,
  toState: string,
): TransitionRow {
  return {
    entityType: options.entityType,
    entityId: record.id,
    machineId: record.machineId,
    machineVersion: record.machineVersion,
    event,
    fromState,
    toState,
    actorId: options.actor.id,
    actorLabel: options.actor.label,
    detail: options.detail ?? null,
  };
}

const entityLabel = (entityType: string) => entityType.replaceAll('_', ' ');

function staleUpdate(entityType: string, id: number): DomainError {
  return new DomainError(
    ErrorCode.StaleUpdate,
    `${entityLabel(entityType)} ${id} was changed by someone else since it was read; reload and try again`,
  );
}
