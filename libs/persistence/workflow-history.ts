import type { EntityManager, FindOptionsSelect, QueryDeepPartialEntity } from 'typeorm';
import { entityPage, type Page, type PageRequest } from '../common/paging.js';
import { bulkInsert } from './bulk-insert.js';
import { WorkflowTransition } from './workflow-transition.entity.js';

/** The history table's rows, written only by the WorkflowRunner (which is this file's one caller). */
export type TransitionRow = Omit<WorkflowTransition, 'id' | 'at'>;
export type HistoryRow = WorkflowTransition;

const COLUMNS = [
  'entity_type',
  'entity_id',
  'machine_id',
  'machine_version',
  'event',
  'from_state',
  'to_state',
  'actor_id',
  'actor_label',
  'detail',
];

export async function insertTransitions(m: EntityManager, rows: readonly TransitionRow[]): Promise<void> {
  if (rows.length === 1) {
    // One row (every send): a plain insert; updateEntity(false) skips TypeORM's re-select.
    await m
      .createQueryBuilder()
      .insert()
      .into(WorkflowTransition)
      .values(rows[0] as QueryDeepPartialEntity<WorkflowTransition>)
      .updateEntity(false)
      .execute();
    return;
  }
  await bulkInsert(
    m,
    'workflow_transitions',
    COLUMNS,
    rows.map((r) => [
      r.entityType,
      r.entityId,
      r.machineId,
      r.machineVersion,
      r.event,
      r.fromState,
      r.toState,
      r.actorId,
      r.actorLabel,
      r.detail === null ? null : JSON.stringify(r.detail),
    ]),
  );
}

export function readHistory(
  m: EntityManager,
  entityType: string,
  entityId: number,
  select?: FindOptionsSelect<WorkflowTransition>,
): Promise<HistoryRow[]> {
  return m.find(WorkflowTransition, { select, where: { entityType, entityId }, order: { id: 'ASC' } });
}

/** One page of a run's history, oldest first, for the list routes. */
export function readHistoryPage(
  m: EntityManager,
  entityType: string,
  entityId: number,
  page: PageRequest,
): Promise<Page<HistoryRow>> {
  return entityPage(m, WorkflowTransition, { where: { entityType, entityId }, order: { id: 'ASC' } }, page);
}
