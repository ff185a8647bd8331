import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ActionEvent, actionMachine } from '../../workflows/action.machine.js';
import { dueDateProblems, ownerProblems, textProblems } from '../../workflows/rules/action-rules.js';
import type { RuleProblem } from '../../workflows/rules/grading-problems.js';
import { AuditClosure, SYSTEM_ACTOR } from '../audits/index.js';
import { actorOf, type AuthenticatedUser } from '../auth/index.js';
import { Clock } from '../clock/index.js';
import { DomainError, ErrorCode } from '../common/index.js';
import { OutboxService } from '../notifications/index.js';
import { Role } from '../org/index.js';
import { type Actor, Db, WorkflowRunner } from '../persistence/index.js';
import { managesAction, mayReadAction, mayVerifyAction } from './action-access.js';
import { type ActionRecord, actionView, loadAction, refused } from './action-record.js';
import { Action } from './action.entity.js';
import { ownerFactsOf } from './owner-facts.js';

/** What a command answers: the action's new state and version, for the next command. */
export interface ActionStep {
  id: number;
  state: string;
  version: number;
}

/**
 * The commands on one action, each one transaction through the workflow runner (the optimistic
 * version check, the 409 naming state and event, and a history row whose detail keeps what the
 * step said or replaced). Who may take which step is action-access.ts; input is judged by the
 * pure rules in workflows/rules/action-rules.ts before anything is written.
 */
@Injectable()
export class ActionsService {
  constructor(
    private readonly db: Db,
    private readonly workflows: WorkflowRunner,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly closure: AuditClosure,
  ) {}

  /** The action and its history, oldest first; 404 for anyone who may not read it. */
  show(id: number, user: AuthenticatedUser) {
    return this.db.read(async (m) => {
      const { action } = await loadAction(m, id, user);
      const history = await this.workflows.history(m, 'action', id);
      return { ...actionView(action), history };
    });
  }

  /** The owner starts work. */
  start(id: number, version: number, user: AuthenticatedUser): Promise<ActionStep> {
    return this.command(id, user, (m, record) => {
      requireOwner(record, user);
      return this.send(m, record, actorOf(user), { type: 'START' }, version);
    });
  }

  /** The owner says how the work is going (from open, this starts it). */
  recordProgress(id: number, note: string, version: number, user: AuthenticatedUser): Promise<ActionStep> {
    return this.command(id, user, (m, record) => {
      requireOwner(record, user);
      refuseIf('record progress', textProblems('note', note, 'a note of the progress'));
      return this.send(m, record, actorOf(user), { type: 'RECORD_PROGRESS', note }, version, { note });
    });
  }

  /** The owner says what was done, with the evidence a verifier will check. */
  markDone(
    id: number,
    done: { whatWasDone: string; evidence: string },
    version: number,
    user: AuthenticatedUser,
  ): Promise<ActionStep> {
    return this.command(id, user, (m, record) => {
      requireOwner(record, user);
      refuseIf('mark this action done', [
        ...textProblems('whatWasDone', done.whatWasDone, 'what was done'),
        ...textProblems('evidence', done.evidence, 'the evidence'),
      ]);
      const event: ActionEvent = { type: 'MARK_DONE', ...done };
      return this.send(m, record, actorOf(user), event, version, { ...done });
    });
  }

  /**
   * Someone other than the owner confirms it was really done; the action then closes (done by
   * the system) in the same transaction, and its audit and cycle with it if they are finished.
   */
  verify(id: number, version: number, user: AuthenticatedUser): Promise<ActionStep> {
    return this.command(id, user, async (m, record) => {
      requireVerifier(record, user);
      const event: ActionEvent = { type: 'VERIFY', verifierId: user.id };
      const verified = await this.send(m, record, actorOf(user), event, version);
      const closed = await this.send(
        m,
        { ...record, action: verified },
        SYSTEM_ACTOR,
        { type: 'CLOSE' },
        verified.version,
        undefined,
        { closedAt: this.clock.nowIso() },
      );
      await this.closure.closeIfResolved(m, record.action.auditId);
      return closed;
    });
  }

  /** The verifier finds the work not done: back to the owner, with the reason kept. */
  sendBack(id: number, reason: string, version: number, user: AuthenticatedUser): Promise<ActionStep> {
    return this.command(id, user, (m, record) => {
      requireVerifier(record, user);
      refuseIf('send this action back', textProblems('reason', reason));
      return this.send(m, record, actorOf(user), { type: 'SEND_BACK', reason }, version, { reason });
    });
  }

  /** A manager cancels an action that no longer applies; its audit may then close. */
  cancel(id: number, reason: string, version: number, user: AuthenticatedUser): Promise<ActionStep> {
    return this.command(id, user, async (m, record) => {
      requireManager(record, user, 'cancel');
      refuseIf('cancel this action', textProblems('reason', reason));
      const cancelled = await this.send(m, record, actorOf(user), { type: 'CANCEL', reason }, version, {
        reason,
      });
      await this.closure.closeIfResolved(m, record.action.auditId);
      return cancelled;
    });
  }

  /** A manager gives the action to another owner: an active user in the case's locality. */
  reassign(id: number, ownerId: number, version: number, user: AuthenticatedUser): Promise<ActionStep> {
    return this.command(id, user, async (m, record) => {
      requireManager(record, user, 'reassign');
      const owners = await ownerFactsOf(m, [ownerId]);
      refuseIf(
        'reassign this action',
        ownerProblems('ownerId', owners.get(ownerId), record.facts.localityId),
      );
      const detail = { fromOwnerId: record.action.ownerId, toOwnerId: ownerId };
      return this.send(m, record, actorOf(user), { type: 'REASSIGN', ownerId }, version, detail, { ownerId });
    });
  }

  /** A manager moves the due date, with a reason; the history keeps both dates. */
  moveDueDate(
    id: number,
    change: { dueOn: string; reason: string },
    version: number,
    user: AuthenticatedUser,
  ): Promise<ActionStep> {
    return this.command(id, user, (m, record) => {
      requireManager(record, user, 'move the due date of');
      refuseIf('move the due date', [
        ...dueDateProblems('dueOn', change.dueOn, this.clock.today()),
        ...textProblems('reason', change.reason),
      ]);
      const { dueOn, reason } = change;
      const detail = { fromDueOn: record.action.dueOn, toDueOn: dueOn, reason };
      return this.send(m, record, actorOf(user), { type: 'MOVE_DUE_DATE', dueOn, reason }, version, detail, {
        dueOn,
      });
    });
  }

  /**
   * An advanced practitioner or a manager chases the owner: a history row, and a notification
   * to the owner that carries ids and a link only, never the case or the child.
   */
  async chase(id: number, version: number, user: AuthenticatedUser): Promise<ActionStep> {
    const step = await this.command(id, user, async (m, record) => {
      requireChaser(record, user);
      const chased = await this.send(m, record, actorOf(user), { type: 'CHASE' }, version);
      await this.outbox.enqueue(m, [
        {
          kind: 'action-chased',
          recipientId: record.action.ownerId,
          subject: `Action ${id} has been chased: please update it`,
          payload: { actionId: id, auditId: record.action.auditId, link: `/actions/${id}` },
        },
      ]);
      return chased;
    });
    await this.outbox.deliverPending();
    return step;
  }

  private send(
    m: EntityManager,
    record: ActionRecord,
    actor: Actor,
    event: ActionEvent,
    expectedVersion: number,
    detail?: Record<string, unknown>,
    patch: Partial<Action> = {},
  ): Promise<Action> {
    return this.workflows.send(m, {
      machine: actionMachine,
      entity: Action,
      entityType: 'action',
      record: record.action,
      event,
      actor,
      expectedVersion,
      detail,
      patch,
    });
  }

  /** Loads the action for a reader and runs `work` in one transaction. */
  private command(
    id: number,
    user: AuthenticatedUser,
    work: (m: EntityManager, record: ActionRecord) => Promise<Action>,
  ): Promise<ActionStep> {
    return this.db.transaction(async (m) => {
      const after = await work(m, await loadAction(m, id, user));
      return { id, state: after.state, version: after.version };
    });
  }
}

function refuseIf(action: string, problems: readonly RuleProblem[]): void {
  if (problems.length === 0) return;
  throw new DomainError(
    ErrorCode.Validation,
    `cannot ${action}: ${problems.map((p) => p.message).join('; ')}`,
    {
      rules: [...new Set(problems.map((p) => p.rule))],
      errors: problems.map((p) => ({ field: p.field, message: p.message, rule: p.rule })),
    },
  );
}

function requireOwner(record: ActionRecord, user: AuthenticatedUser): void {
  if (record.action.ownerId !== user.id) {
    throw refused('owner-only', 'only the action’s owner records its progress or marks it done');
  }
}

function requireVerifier(record: ActionRecord, user: AuthenticatedUser): void {
  if (record.action.ownerId === user.id) {
    throw refused('verifier-not-owner', 'the owner cannot verify or send back their own action');
  }
  if (!mayVerifyAction(user, record.facts)) {
    throw refused('verifier-only', 'only an advanced practitioner or a manager verifies an action');
  }
}

function requireManager(record: ActionRecord, user: AuthenticatedUser, what: string): void {
  if (!managesAction(user, record.facts)) {
    throw refused('manager-only', `only a manager of the action’s team can ${what} it`);
  }
}

function requireChaser(record: ActionRecord, user: AuthenticatedUser): void {
  const practitioner = user.role === Role.AdvancedPractitioner && mayReadAction(user, record.facts);
  if (!practitioner && !managesAction(user, record.facts)) {
    throw refused('chaser-only', 'only an advanced practitioner or a manager chases an action');
  }
}
