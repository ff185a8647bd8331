import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { AuthenticatedUser } from '../auth/index.js';
import { AUDIT_SQL as A, auditReadScope } from '../audits/index.js';
import { ORG_SQL as O } from '../org/index.js';
import { toBoolean } from '../persistence/index.js';
import { actionsReadableBy } from './action-access.js';
import {
  actionStateName,
  addDays,
  type StatusGroup,
  statesOfGroup,
  timeliness,
  WORK_OWED_STATES,
} from './action-status.js';
import { Action } from './action.entity.js';
import { PlanItem } from './plan-item.entity.js';

/** What the tracker may be narrowed to; every filter is a condition of the one scoped query. */
export interface ActionFilter {
  owner?: number;
  /** The CLI names people by username. */
  ownerUsername?: string;
  team?: number;
  /** The CLI names teams by name. */
  teamName?: string;
  locality?: number;
  audit?: number;
  cycle?: number;
  status?: StatusGroup;
  /** One machine state exactly (`open` here is "Not started"). */
  state?: string;
  overdue?: boolean;
  /** Work owed and due from today to today + N days. */
  dueWithin?: number;
  planItem?: number;
}

/** Most days overdue first (then the earliest due), or the earliest due date first. */
export const ACTION_SORTS = ['overdue', 'due'] as const;
export type ActionSort = (typeof ACTION_SORTS)[number];

/** One action as the tracker lists it. */
export interface TrackedAction {
  id: number;
  auditId: number;
  cycleId: number;
  caseRef: string;
  what: string;
  teamId: number;
  team: string;
  localityId: number | null;
  locality: string | null;
  ownerId: number;
  owner: string;
  ownerUsername: string;
  dueOn: string;
  state: string;
  stateName: string;
  daysOverdue: number;
  overdue: boolean;
  dueSoon: boolean;
  planItemId: number | null;
  planItem: string | null;
  /** Whether the reader may open the audit that raised it. */
  auditReadable: boolean;
}

const OVERDUE_SQL = 'x.state IN (:...trackerOwed) AND x.due_on < :trackerToday';

/**
 * The tracker's one query: actions (alias `x`) with what a reader needs to see beside each one,
 * narrowed to what `reader` may read (null: the operator's CLI) and by `filter`. The list, its
 * count, the summary counts and the export all start here, so none can show more than another.
 */
export function trackerQuery(
  m: EntityManager,
  filter: ActionFilter,
  reader: AuthenticatedUser | null,
  today: string,
): SelectQueryBuilder<ObjectLiteral> {
  const query = m
    .createQueryBuilder()
    .from(Action, 'x')
    .innerJoin(A.audits, 'a', `a.${A.id} = x.audit_id`)
    .innerJoin(O.teams, 't', `t.${O.teamId} = x.team_id`)
    .leftJoin(O.localities, 'l', `l.${O.localityId} = t.${O.teamLocalityId}`)
    .innerJoin(O.users, 'o', `o.${O.userId} = x.owner_id`)
    .leftJoin(PlanItem, 'p', 'p.id = x.plan_item_id')
    .where('1 = 1')
    .setParameters({ trackerOwed: WORK_OWED_STATES, trackerToday: today });
  actionsReadableBy(query, reader);
  if (filter.owner !== undefined) query.andWhere('x.owner_id = :fOwner', { fOwner: filter.owner });
  if (filter.ownerUsername !== undefined) {
    query.andWhere(`o.${O.userUsername} = :fOwnerUsername`, { fOwnerUsername: filter.ownerUsername });
  }
  if (filter.team !== undefined) query.andWhere('x.team_id = :fTeam', { fTeam: filter.team });
  if (filter.teamName !== undefined)
    query.andWhere(`t.${O.teamName} = :fTeamName`, { fTeamName: filter.teamName });
  if (filter.locality !== undefined) {
    query.andWhere(`t.${O.teamLocalityId} = :fLocality`, { fLocality: filter.locality });
  }
  if (filter.audit !== undefined) query.andWhere('x.audit_id = :fAudit', { fAudit: filter.audit });
  if (filter.cycle !== undefined) query.andWhere(`a.${A.cycleId} = :fCycle`, { fCycle: filter.cycle });
  if (filter.status !== undefined) {
    query.andWhere('x.state IN (:...fStatus)', { fStatus: statesOfGroup(filter.status) });
    if (filter.status === 'overdue') query.andWhere(OVERDUE_SQL);
  }
  if (filter.state !== undefined) query.andWhere('x.state = :fState', { fState: filter.state });
  if (filter.overdue === true) query.andWhere(OVERDUE_SQL);
  if (filter.overdue === false) query.andWhere(`NOT (${OVERDUE_SQL})`);
  if (filter.dueWithin !== undefined) {
    query.andWhere('x.state IN (:...trackerOwed) AND x.due_on >= :trackerToday AND x.due_on <= :fDueBy', {
      fDueBy: addDays(today, filter.dueWithin),
    });
  }
  if (filter.planItem !== undefined)
    query.andWhere('x.plan_item_id = :fPlanItem', { fPlanItem: filter.planItem });
  return query;
}

/** The tracker's rows, sorted; the id breaks ties so that pages never repeat or skip a row. */
export function trackerRows(
  query: SelectQueryBuilder<ObjectLiteral>,
  sort: ActionSort,
  reader: AuthenticatedUser | null,
): SelectQueryBuilder<ObjectLiteral> {
  const rows = query
    .clone()
    .select([
      'x.id AS "id"',
      'x.audit_id AS "auditId"',
      `a.${A.cycleId} AS "cycleId"`,
      `a.${A.caseRef} AS "caseRef"`,
      'x.what AS "what"',
      'x.team_id AS "teamId"',
      `t.${O.teamName} AS "team"`,
      `l.${O.localityId} AS "localityId"`,
      `l.${O.localityName} AS "locality"`,
      'x.owner_id AS "ownerId"',
      `o.${O.userDisplayName} AS "owner"`,
      `o.${O.userUsername} AS "ownerUsername"`,
      'x.due_on AS "dueOn"',
      'x.state AS "state"',
      'x.plan_item_id AS "planItemId"',
      'p.reference AS "planItem"',
    ]);
  // Whether the reader may open the audit too: its case reference links to it only then (the
  // audits' own rule decides; an advanced practitioner tracks actions of audits they did not do).
  const audits = reader ? auditReadScope(reader) : null;
  rows.addSelect(audits ? `CASE WHEN ${audits.sql} THEN 1 ELSE 0 END` : '1', 'auditReadable');
  if (audits) rows.setParameters({ ...audits.params });
  if (sort === 'overdue') {
    // Overdue first: among them the earliest due date is the most days overdue.
    rows.orderBy(`CASE WHEN ${OVERDUE_SQL} THEN 0 ELSE 1 END`, 'ASC');
    rows.addOrderBy('x.due_on', 'ASC');
  } else {
    rows.orderBy('x.due_on', 'ASC');
  }
  return rows.addOrderBy('x.id', 'ASC');
}

/** How many of the query's actions fall in each group a reader watches (one pass, in SQL). */
export function trackerCountsQuery(
  query: SelectQueryBuilder<ObjectLiteral>,
  today: string,
  soonDays: number,
) {
  return query
    .clone()
    .select('COUNT(*)', 'total')
    .addSelect('COALESCE(SUM(CASE WHEN x.state IN (:...cOpen) THEN 1 ELSE 0 END), 0)', 'open')
    .addSelect(`COALESCE(SUM(CASE WHEN ${OVERDUE_SQL} THEN 1 ELSE 0 END), 0)`, 'overdue')
    .addSelect(
      'COALESCE(SUM(CASE WHEN x.state IN (:...trackerOwed) AND x.due_on >= :trackerToday AND x.due_on <= :cSoon THEN 1 ELSE 0 END), 0)',
      'dueSoon',
    )
    .addSelect(
      'COALESCE(SUM(CASE WHEN x.state IN (:...cAwaiting) THEN 1 ELSE 0 END), 0)',
      'awaitingVerification',
    )
    .setParameters({
      cOpen: statesOfGroup('open'),
      cAwaiting: statesOfGroup('awaiting-verification'),
      cSoon: addDays(today, soonDays),
    });
}

type RawTracked = Omit<TrackedAction, 'stateName' | 'daysOverdue' | 'overdue' | 'dueSoon'>;

/** A raw row as the API's shape (drivers hand back numbers as text), with its timeliness on `today`. */
export function toTrackedAction(row: RawTracked, today: string): TrackedAction {
  const id = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    ...row,
    id: Number(row.id),
    auditId: Number(row.auditId),
    cycleId: Number(row.cycleId),
    teamId: Number(row.teamId),
    localityId: id(row.localityId),
    ownerId: Number(row.ownerId),
    planItemId: id(row.planItemId),
    auditReadable: toBoolean(row.auditReadable) ?? false,
    stateName: actionStateName(row.state),
    ...timeliness(row.state, row.dueOn, today),
  };
}
