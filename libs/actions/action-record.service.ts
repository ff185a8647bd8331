import { Injectable } from '@nestjs/common';
import type { ActionContext } from '../../workflows/action.machine.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { Clock } from '../clock/index.js';
import { DomainError } from '../common/index.js';
import { ORG_SQL as O } from '../org/index.js';
import { Db, parseJson, WorkflowRunner } from '../persistence/index.js';
import { toTrackedAction, trackerQuery, trackerRows, type TrackedAction } from './action-tracker.js';

/** The history's entity type for actions, as the WorkflowRunner stores it. */
export const ACTION_ENTITY_TYPE = 'action';

/** One row of an action's history, oldest first. */
export interface ActionHistoryItem {
  event: string;
  fromState: string;
  toState: string;
  actor: string;
  at: string;
  detail: Record<string, unknown> | null;
}

/** One action as its own page shows it: the tracker's line, what it asks and why, and its history. */
export interface ActionRecord extends TrackedAction {
  why: string;
  domainKey: string | null;
  successMeasure: string;
  /** The due date it was raised with; differs from dueOn once the date was moved. */
  raisedDueOn: string;
  raisedBy: string | null;
  planItemTitle: string | null;
  createdAt: string;
  closedAt: string | null;
  version: number;
  whatWasDone: string | null;
  evidence: string | null;
  sentBackReason: string | null;
  cancelledReason: string | null;
  history: ActionHistoryItem[];
}

/** The most actions an audit's page lists (an audit raises a handful). */
const AUDIT_LIST_LIMIT = 100;

/**
 * One action, and an audit's actions, read through the tracker's own scoped query: a reader who
 * may not read the action gets the same 404 as for one that does not exist.
 */
@Injectable()
export class ActionRecordService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly workflows: WorkflowRunner,
  ) {}

  show(id: number, reader: AuthenticatedUser | null): Promise<ActionRecord> {
    const today = this.clock.today();
    return this.db.read(async (m) => {
      const row = await trackerRows(trackerQuery(m, {}, reader, today), 'due', reader)
        .andWhere('x.id = :id', { id })
        .leftJoin(O.users, 'r', `r.${O.userId} = x.raised_by`)
        .addSelect([
          'x.why AS "why"',
          'x.domain_key AS "domainKey"',
          'x.success_measure AS "successMeasure"',
          `r.${O.userDisplayName} AS "raisedBy"`,
          'p.title AS "planItemTitle"',
          'x.created_at AS "createdAt"',
          'x.closed_at AS "closedAt"',
          'x.version AS "version"',
          'x.snapshot AS "snapshot"',
        ])
        .getRawOne<TrackedAction & Record<string, unknown>>();
      if (!row) throw DomainError.notFound('action', id);
      const context = parseJson<{ context: ActionContext }>(row.snapshot)?.context;
      const history = await this.workflows.history(m, ACTION_ENTITY_TYPE, id);
      const { snapshot: _snapshot, ...shown } = row;
      return {
        ...(shown as unknown as ActionRecord),
        ...toTrackedAction(row, today),
        version: Number(row.version),
        raisedDueOn: context?.raisedDueOn ?? row.dueOn,
        whatWasDone: context?.whatWasDone ?? null,
        evidence: context?.evidence ?? null,
        sentBackReason: context?.sentBackReason ?? null,
        cancelledReason: context?.cancelledReason ?? null,
        history: history.map((h) => ({
          event: h.event,
          fromState: h.fromState,
          toState: h.toState,
          actor: h.actorLabel,
          at: h.at,
          detail: parseJson<Record<string, unknown>>(h.detail),
        })),
      };
    });
  }

  /** An audit's actions that the reader may read, in the order they fall due. */
  forAudit(auditId: number, reader: AuthenticatedUser | null): Promise<TrackedAction[]> {
    const today = this.clock.today();
    return this.db.read(async (m) => {
      const rows = await trackerRows(trackerQuery(m, { audit: auditId }, reader, today), 'due', reader)
        .limit(AUDIT_LIST_LIMIT)
        .getRawMany<TrackedAction>();
      return rows.map((row) => toTrackedAction(row, today));
    });
  }
}
