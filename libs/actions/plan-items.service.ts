import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../auth/index.js';
import { Clock } from '../clock/index.js';
import { DomainError, ErrorCode, type Page, type PageRequest, rawPage } from '../common/index.js';
import { Db } from '../persistence/index.js';
import { actionReadScope } from './action-access.js';
import { Action } from './action.entity.js';
import { PlanItem, type PlanSource } from './plan-item.entity.js';
import { CLOSED_STATES, RESOLVED_STATES, WORK_OWED_STATES } from './plan-item-states.js';
import { DUE_SOON_DAYS, type PlanActionCounts, type PlanRag, planRag, plusDays } from './rules/plan-rag.js';

export interface PlanItemInput {
  reference: string;
  title: string;
  source: PlanSource;
  owner: string;
}

/** An item as the lists show it: its fields, its linked actions' counts and its RAG. */
export interface PlanItemView extends PlanItemInput {
  id: number;
  version: number;
  updatedAt: string;
  actions: PlanActionCounts;
  rag: PlanRag;
}

const UNIQUE_VIOLATION = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE']);

/**
 * The improvement-plan items and inspection recommendations the administrator keeps, each with
 * a RAG status from the actions that cite it. The counts are one GROUP BY over the actions, in
 * SQL, and like every count of actions they cover only the actions the reader may read (the
 * actions' one access rule): the director and administrators see the council's colour, a team
 * manager their team's part of it, the same actions /actions?planItem=ID lists for them.
 */
@Injectable()
export class PlanItemsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** `reader` null: the operator's CLI and the demo, which count every action. */
  list(page: PageRequest, reader: AuthenticatedUser | null): Promise<Page<PlanItemView>> {
    return this.db.read((m) => {
      const query = this.itemsWithCounts(m, reader).orderBy('p.reference', 'ASC').addOrderBy('p.id', 'ASC');
      const count = m.createQueryBuilder(PlanItem, 'p').select('COUNT(*)', 'n');
      return rawPage<Record<string, unknown>, PlanItemView>(m, query, page, toView, count);
    });
  }

  async get(id: number, reader: AuthenticatedUser | null): Promise<PlanItemView> {
    const row = await this.db.read((m) =>
      this.itemsWithCounts(m, reader).where('p.id = :id', { id }).getRawOne<Record<string, unknown>>(),
    );
    if (!row) throw DomainError.notFound('plan item', id);
    return toView(row);
  }

  create(input: PlanItemInput): Promise<PlanItemView> {
    return this.writing(async (m) => {
      const item = clean(input);
      await refuseTakenReference(m, item.reference);
      const { identifiers } = await m.insert(PlanItem, item);
      return Number(identifiers[0].id);
    });
  }

  /** Changes the fields given; `version` is the one the editor read, and a later edit wins no race. */
  update(id: number, change: Partial<PlanItemInput>, version: number): Promise<PlanItemView> {
    return this.writing(async (m) => {
      const current = await m.findOneBy(PlanItem, { id });
      if (!current) throw DomainError.notFound('plan item', id);
      const item = clean({ ...current, ...definedOnly(change) });
      await refuseTakenReference(m, item.reference, id);
      const { affected } = await m
        .createQueryBuilder()
        .update(PlanItem)
        .set({ ...item, version: version + 1, updatedAt: this.clock.nowIso() })
        .where('id = :id AND version = :version', { id, version })
        .execute();
      if (!affected) {
        throw new DomainError(
          ErrorCode.StaleUpdate,
          `plan item ${id} was changed by someone else since it was read; reload and try again`,
        );
      }
      return id;
    });
  }

  /** One write's transaction, then the item as the list shows it; a reference taken in a race is the same 409. */
  private async writing(work: (m: EntityManager) => Promise<number>): Promise<PlanItemView> {
    let id: number;
    try {
      id = await this.db.transaction(work);
    } catch (error) {
      const code = (error as { driverError?: { code?: unknown } }).driverError?.code;
      if (UNIQUE_VIOLATION.has(String(code))) throw referenceTaken();
      throw error;
    }
    // Only administrators write, and they read every action.
    return this.get(id, null);
  }

  /**
   * Every item with its linked actions counted by what the RAG rule needs: one LEFT JOIN and
   * GROUP BY, the state lists read from the action machine's tags, today from the Clock.
   */
  private itemsWithCounts(m: EntityManager, reader: AuthenticatedUser | null) {
    const today = this.clock.today();
    const owed = 'x.state IN (:...workOwed)';
    // The scope goes in the join, not the WHERE: an item with no readable action still lists.
    const scope = reader === null ? null : actionReadScope(reader);
    const join = scope === null ? 'x.plan_item_id = p.id' : `x.plan_item_id = p.id AND ${scope.sql}`;
    return m
      .createQueryBuilder(PlanItem, 'p')
      .leftJoin(Action, 'x', join, scope?.params)
      .select([
        'p.id AS "id"',
        'p.reference AS "reference"',
        'p.title AS "title"',
        'p.source AS "source"',
        'p.owner AS "owner"',
        'p.version AS "version"',
        'p.updated_at AS "updatedAt"',
      ])
      .addSelect('COUNT(x.id)', 'total')
      .addSelect('SUM(CASE WHEN x.state IN (:...closed) THEN 1 ELSE 0 END)', 'closed')
      .addSelect('SUM(CASE WHEN x.state IN (:...resolved) THEN 1 ELSE 0 END)', 'resolved')
      .addSelect(`SUM(CASE WHEN ${owed} AND x.due_on < :today THEN 1 ELSE 0 END)`, 'overdue')
      .addSelect(
        `SUM(CASE WHEN ${owed} AND x.due_on >= :today AND x.due_on <= :soon THEN 1 ELSE 0 END)`,
        'dueSoon',
      )
      .setParameters({
        closed: CLOSED_STATES,
        resolved: RESOLVED_STATES,
        workOwed: WORK_OWED_STATES,
        today,
        soon: plusDays(today, DUE_SOON_DAYS),
      })
      .groupBy('p.id')
      .addGroupBy('p.reference')
      .addGroupBy('p.title')
      .addGroupBy('p.source')
      .addGroupBy('p.owner')
      .addGroupBy('p.version')
      .addGroupBy('p.updated_at');
  }
}

function toView(row: Record<string, unknown>): PlanItemView {
  // SUM over no rows is NULL; PostgreSQL answers COUNT and SUM as text.
  const n = (value: unknown) => Number(value ?? 0);
  const actions: PlanActionCounts = {
    total: n(row.total),
    closed: n(row.closed),
    resolved: n(row.resolved),
    overdue: n(row.overdue),
    dueSoon: n(row.dueSoon),
  };
  return {
    id: n(row.id),
    reference: String(row.reference),
    title: String(row.title),
    source: row.source as PlanSource,
    owner: String(row.owner),
    version: n(row.version),
    updatedAt: String(row.updatedAt),
    actions,
    rag: planRag(actions),
  };
}

function clean(input: PlanItemInput): PlanItemInput {
  return {
    reference: input.reference.trim(),
    title: input.title.trim(),
    source: input.source,
    owner: input.owner.trim(),
  };
}

function definedOnly<T extends object>(change: T): Partial<T> {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** References are compared without regard to case: IP-3.2 and ip-3.2 are the same item. */
async function refuseTakenReference(m: EntityManager, reference: string, exceptId?: number): Promise<void> {
  const query = m
    .createQueryBuilder(PlanItem, 'p')
    .where('LOWER(p.reference) = :reference', { reference: reference.toLowerCase() });
  if (exceptId !== undefined) query.andWhere('p.id <> :id', { id: exceptId });
  const taken = await query.getOne();
  if (taken) throw referenceTaken(taken.reference);
}

function referenceTaken(reference?: string): DomainError {
  const message = reference
    ? `${reference} is already the reference of another plan item`
    : 'another plan item already has that reference';
  return new DomainError(ErrorCode.Conflict, `reference: ${message}`, {
    errors: [{ field: 'reference', message }],
  });
}
