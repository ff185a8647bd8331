import type { EntityManager, FindOptionsSelect } from 'typeorm';
import { entityPage, type Page, type PageRequest } from '../common/index.js';
import { bulkInsert } from './bulk-insert.js';
import { placeholder } from './raw-sql.js';
import { withQueryRunner } from './versioned-update.js';
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
  'at',
];

/** `at` is the Clock's now, written by hand because the bulk path bypasses TypeORM's subscribers. */
export async function insertTransitions(
  at: string,
  m: EntityManager,
  rows: readonly TransitionRow[],
): Promise<void> {
  const values = rows.map((r) => [
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
    at,
  ]);
  if (values.length === 1) {
    // One row (every send): one fixed INSERT the driver keeps prepared. TypeORM's insert builder
    // spent longer building this statement than SQLite spent running it.
    const sql = `INSERT INTO workflow_transitions (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => placeholder(m, i + 1)).join(', ')})`;
    await withQueryRunner(m, (runner) => runner.query(sql, values[0]));
    return;
  }
  await bulkInsert(m, 'workflow_transitions', COLUMNS, values);
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
