import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/index.js';
import { Clock } from '../clock/index.js';
import { type Page, type PageRequest, rawPage } from '../common/index.js';
import { ORG_SQL as O } from '../org/index.js';
import { Db } from '../persistence/index.js';
import { DUE_SOON_DAYS } from './action-status.js';
import {
  type ActionFilter,
  type ActionSort,
  toTrackedAction,
  trackerCountsQuery,
  trackerQuery,
  trackerRows,
  type TrackedAction,
} from './action-tracker.js';

/** What a reader watches in the filtered actions: counted by the same scoped query as the list. */
export interface TrackerCounts {
  total: number;
  open: number;
  overdue: number;
  dueSoon: number;
  awaitingVerification: number;
}

export interface TrackerPage extends Page<TrackedAction> {
  /** The Europe/London day the days overdue were counted on. */
  today: string;
  sort: ActionSort;
  counts: TrackerCounts;
}

/** What a filter may choose from: only what the reader's own actions hold. */
export interface TrackerOptions {
  owners: { id: number; name: string }[];
  teams: { id: number; name: string }[];
  localities: { id: number; name: string }[];
  planItems: { id: number; name: string }[];
}

/** Rows per query while exporting: a bounded slice in memory at a time, however long the list. */
const EXPORT_SLICE = 1000;

/**
 * The read side of the actions: the tracker (filtered, sorted, counted and paged in SQL), its
 * export and the choices its filter offers. Every query starts from `trackerQuery`, narrowed by
 * the one access rule, so a list, a count and an export never show more than the reader may read.
 */
@Injectable()
export class ActionTrackerService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  list(
    reader: AuthenticatedUser | null,
    filter: ActionFilter,
    sort: ActionSort,
    page: PageRequest,
    /** The day to count days overdue on; the Clock's today (Europe/London) unless the operator says. */
    today = this.clock.today(),
  ): Promise<TrackerPage> {
    return this.db.read(async (m) => {
      const query = trackerQuery(m, filter, reader, today);
      const found = await rawPage(m, trackerRows(query, sort, reader), page, (row: TrackedAction) =>
        toTrackedAction(row, today),
      );
      return { ...found, today, sort, counts: await countsOf(query, today) };
    });
  }

  /**
   * Every action the filter shows, in the list's order, handed over a slice at a time (the CSV
   * export streams them). Each slice is its own read: a long export never holds the database.
   */
  async forEachSlice(
    reader: AuthenticatedUser | null,
    filter: ActionFilter,
    sort: ActionSort,
    each: (rows: TrackedAction[]) => Promise<void> | void,
  ): Promise<void> {
    const today = this.clock.today();
    for (let offset = 0; ; offset += EXPORT_SLICE) {
      const rows = await this.db.read((m) =>
        trackerRows(trackerQuery(m, filter, reader, today), sort, reader)
          .limit(EXPORT_SLICE)
          .offset(offset)
          .getRawMany<TrackedAction>(),
      );
      if (rows.length > 0) await each(rows.map((row) => toTrackedAction(row, today)));
      if (rows.length < EXPORT_SLICE) return;
    }
  }

  /** The owners, teams, localities and plan items of the actions the reader may read. */
  options(reader: AuthenticatedUser): Promise<TrackerOptions> {
    const today = this.clock.today();
    return this.db.read(async (m) => {
      const distinct = async (id: string, name: string) => {
        const rows = await trackerQuery(m, {}, reader, today)
          .select([`${id} AS "id"`, `${name} AS "name"`])
          .andWhere(`${id} IS NOT NULL`)
          .groupBy(id)
          .addGroupBy(name)
          .orderBy(name)
          .getRawMany<{ id: number | string; name: string }>();
        return rows.map((row) => ({ id: Number(row.id), name: row.name }));
      };
      return {
        owners: await distinct('x.owner_id', `o.${O.userDisplayName}`),
        teams: await distinct('x.team_id', `t.${O.teamName}`),
        localities: await distinct(`l.${O.localityId}`, `l.${O.localityName}`),
        planItems: await distinct('p.id', 'p.reference'),
      };
    });
  }
}

async function countsOf(query: ReturnType<typeof trackerQuery>, today: string): Promise<TrackerCounts> {
  const row = await trackerCountsQuery(query, today, DUE_SOON_DAYS).getRawOne<Record<string, unknown>>();
  return {
    total: Number(row?.total ?? 0),
    open: Number(row?.open ?? 0),
    overdue: Number(row?.overdue ?? 0),
    dueSoon: Number(row?.dueSoon ?? 0),
    awaitingVerification: Number(row?.awaitingVerification ?? 0),
  };
}
