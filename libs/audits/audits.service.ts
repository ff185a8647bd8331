import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditContext, type AuditEvent, AuditTag, auditMachine } from '../../workflows/audit.machine.js';
import { statesTagged } from '../../workflows/state-tags.js';
import { AuditToolsService } from '../audit-tools/index.js';
import type { AuditToolDefinition } from '../../workflows/audit-tool-definition.js';
import { actorOf, type AuthenticatedUser } from '../auth/index.js';
import { Clock, londonDate } from '../clock/index.js';
import { DomainError, ErrorCode, type FieldProblem } from '../common/index.js';
import { Audit } from './audit.entity.js';
import { OutboxService } from '../notifications/index.js';
import { Db, WorkflowRunner } from '../persistence/index.js';
import { AuditCycles } from './audit-cycles.port.js';
import { AuditActions } from './audit-actions.port.js';
import { AuditClosure } from './audit-closure.js';
import { actionOwnerChoices } from './action-owner-choices.js';
import type { AuditDraft, Discussion, FamilyFeedback, ProposedAction } from '../../workflows/audit-draft.js';
import { type AuditRecord, loadAudit, requireAuditor } from './audit-record.js';
import { ModerationService } from './moderation.service.js';
import { draftInputProblems, validParts } from './draft-parts.js';
import { ruleRefusal } from './rule-refusal.js';
import { type AuditPart, changeRule } from './rules/audit-changes.js';
import { discussionProblems } from '../../workflows/rules/discussion-problems.js';
import { draftShapeProblems, gradingProblems } from '../../workflows/rules/grading-problems.js';
import { storeGrades } from './store-grades.js';

const GRADING = statesTagged(auditMachine, AuditTag.Grading);

/** The auditor's commands on one audit; each is one transaction. */
@Injectable()
export class AuditsService {
  constructor(
    private readonly db: Db,
    private readonly workflows: WorkflowRunner,
    private readonly moderation: ModerationService,
    private readonly tools: AuditToolsService,
    private readonly outbox: OutboxService,
    private readonly cycles: AuditCycles,
    private readonly clock: Clock,
    private readonly actions: AuditActions,
    private readonly closure: AuditClosure,
  ) {}

  /** Who the auditor may choose as an action's owner (action-owner-choices.ts). */
  ownerChoices(id: number, user: AuthenticatedUser) {
    return this.db.read(async (m) => {
      const { audit } = await loadAudit(m, id, user, this.cycles);
      return actionOwnerChoices(m, audit);
    });
  }

  /** Starts the audit with the cycle's tool (or the current standard one), pinned from now on. */
  start(id: number, user: AuthenticatedUser) {
    return this.command(id, user, async (m, record) => {
      // The cycle's own tool (themed cycles), else the newest published standard tool.
      const toolId = record.cycle.auditToolId
        ? (await this.tools.toolForAudit(m, record.cycle.auditToolId)).id
        : await this.tools.currentPublishedId(m);
      // The cycle row is not touched: that its audits are under way is read from them
      // (cycle-figures.ts), so two auditors' first starts do not race on the cycle's version.
      return this.send(
        m,
        record,
        user,
        { type: 'START', actorId: user.id },
        { toolId, startedAt: this.clock.nowIso() },
      );
    });
  }

  /** Replaces the draft whole. `version` is the audit version the editor read: a stale save is 409. */
  saveDraft(id: number, draft: AuditDraft, version: number, user: AuthenticatedUser) {
    return this.command(id, user, async (m, record) => {
      // One problem per field: a date before the audit started is in the past too.
      const shape = draftShapeProblems(draftTool(record), record.audit.cohortCode, draft, startedOn(record));
      const named = new Set(shape.map((p) => p.field));
      const raising = await this.actions.raiseProblems(m, record, draft.actions ?? []);
      const problems = [...shape, ...raising.filter((p) => !named.has(p.field))];
      if (problems.length) throw ruleRefusal('save this draft', problems);
      return storeDraft(m, record, draft, version);
    });
  }

  /**
   * The grading page's "Save draft": stores every part of the draft the rules accept, and says
   * which parts it did not store and why (draft-parts.ts). The API's PUT stays whole or nothing
   * (saveDraft): its caller still holds what it sent, while a person's typing is only on the page.
   */
  async saveValidParts(id: number, posted: AuditDraft, version: number, user: AuthenticatedUser) {
    const inputProblems = await draftInputProblems(posted as Record<string, unknown>);
    let notSaved: FieldProblem[] = [];
    const saved = await this.command(id, user, async (m, record) => {
      const tool = draftTool(record);
      // Who owns each action and when it is due are judged like any other part of the draft.
      const raising = await this.actions.raiseProblems(m, record, postedActions(posted, inputProblems));
      const parts = validParts(
        tool,
        record.audit.cohortCode,
        startedOn(record),
        posted,
        record.audit.draft ?? {},
        [...inputProblems, ...raising],
      );
      notSaved = parts.notSaved;
      return storeDraft(m, record, parts.draft, version);
    });
    return { ...saved, notSaved };
  }

  finishGrading(id: number, version: number, user: AuthenticatedUser) {
    return this.command(id, user, async (m, record) => {
      this.requireGradingComplete(record, 'FINISH_GRADING');
      await this.requireRaisable(m, record, record.audit.draft ?? {}, 'finish grading');
      return this.send(
        m,
        record,
        user,
        { type: 'FINISH_GRADING', actorId: user.id, ...this.grading(record, 'FINISH_GRADING') },
        {},
        version,
      );
    });
  }

  reopen(id: number, version: number, user: AuthenticatedUser) {
    return this.command(id, user, (m, record) =>
      this.send(m, record, user, { type: 'REOPEN', actorId: user.id }, {}, version),
    );
  }

  /**
   * Changes a finished grading (from "Check your answers"): reopens it, stores the new draft and
   * finishes it again, all or nothing. The machine's REOPEN forgets the discussion, so the
   * changed grades are discussed again before they are submitted.
   */
  changeGrading(id: number, draft: AuditDraft, version: number, user: AuthenticatedUser) {
    return this.command(id, user, async (m, record) => {
      const problems = draftShapeProblems(definitionOf(record, 'REOPEN'), ...shapeFacts(record, draft));
      if (problems.length) throw ruleRefusal('save these changes', problems);
      await this.requireRaisable(m, record, draft, 'save these changes');
      const reopened = await this.send(m, record, user, { type: 'REOPEN', actorId: user.id }, {}, version);
      const changed = { ...record, audit: { ...reopened, draft } as Audit };
      this.requireGradingComplete(changed, 'FINISH_GRADING');
      return this.send(
        m,
        changed,
        user,
        { type: 'FINISH_GRADING', actorId: user.id, ...this.grading(changed, 'FINISH_GRADING') },
        { draft: draft as never },
        reopened.version,
      );
    });
  }

  recordDiscussion(id: number, discussion: Discussion, version: number, user: AuthenticatedUser) {
    return this.command(id, user, async (m, record) => {
      const problems = discussionProblems(discussion, {
        startedOn: startedOn(record),
        today: this.clock.today(),
      });
      if (problems.length) throw ruleRefusal('record the discussion', problems);
      return this.send(
        m,
        record,
        user,
        { type: 'RECORD_DISCUSSION', actorId: user.id, discussion },
        { discussion: discussion as never, discussionHappened: discussion.happened },
        version,
        // Recorded again (after the grades were reopened): the history keeps the one it replaces.
        earlierOf(record.audit.discussion),
      );
    });
  }

  /**
   * Feedback from the child or family may arrive late: it may be recorded from the start until
   * the audit closes, submitted or not (rules/audit-changes.ts). It is the family's own words, so
   * a change never loses them: the history row names who changed it and when, and keeps the
   * feedback it replaced.
   */
  recordFamilyFeedback(id: number, feedback: FamilyFeedback, version: number, user: AuthenticatedUser) {
    return this.command(id, user, async (m, record) => {
      requireChangeable(record, 'familyFeedback', 'RECORD_FEEDBACK');
      return this.workflows.recordChange(m, {
        entity: Audit,
        entityType: 'audit',
        record: record.audit,
        change: 'RECORD_FEEDBACK',
        actor: actorOf(user),
        expectedVersion: version,
        patch: { familyFeedback: feedback },
        detail: earlierOf(record.audit.familyFeedback),
      });
    });
  }

  /** Submits the grades; the audit then goes to moderation (its moderator told at once) or its grades stand. */
  async submit(id: number, version: number, user: AuthenticatedUser) {
    const result = await this.command(id, user, async (m, record) => {
      const context = (record.audit.snapshot as { context?: AuditContext }).context;
      if (!context?.discussionRecorded && record.audit.state === 'awaitingDiscussion') {
        throw ruleRefusal('submit', [
          {
            rule: 'discussion-recorded',
            field: 'discussion',
            message: 'record the discussion with the social worker, or why it could not happen',
          },
        ]);
      }
      const draft = record.audit.draft ?? {};
      if (record.audit.state === 'awaitingDiscussion') {
        this.requireGradingComplete(record, 'SUBMIT');
        await this.requireRaisable(m, record, draft, 'submit');
      }
      const submitted = await this.send(
        m,
        record,
        user,
        { type: 'SUBMIT', actorId: user.id, ...this.grading(record, 'SUBMIT') },
        {
          overallGrade: draft.overall?.grade ?? null,
          overallRationale: draft.overall?.rationale ?? null,
          improved: draft.improved ?? null,
          submittedAt: this.clock.nowIso(),
        },
        version,
      );
      await storeGrades(m, id, definitionOf(record, 'SUBMIT'), record.audit.cohortCode, draft);
      // The proposed actions become tracked actions, owned by the audit's team, in this transaction.
      const { teamId } = record.audit;
      const raising = { id, teamId, localityId: record.localityId, auditorId: user.id };
      await this.actions.raise(m, raising, draft.actions ?? [], actorOf(user));
      await this.moderation.routeSubmitted(m, { ...record, audit: submitted }, actorOf(user));
      // Its grades may stand at once (no moderation): with no action open it closes straight away.
      return this.closure.closeIfResolved(m, id);
    });
    await this.outbox.deliverPending();
    return result;
  }

  /** The proposed actions' owners and due dates, judged today (AuditActions.raiseProblems). */
  private async requireRaisable(m: EntityManager, record: AuditRecord, draft: AuditDraft, action: string) {
    if (!GRADING.includes(record.audit.state)) return; // the machine says 409
    const problems = await this.actions.raiseProblems(m, record, draft.actions ?? []);
    if (problems.length) throw ruleRefusal(action, problems);
  }

  private requireGradingComplete(record: AuditRecord, event: 'FINISH_GRADING' | 'SUBMIT'): void {
    if (!GRADING.includes(record.audit.state)) return; // the machine says 409
    const escalations = (record.audit.snapshot as { context?: AuditContext }).context?.escalations ?? 0;
    const { tool, cohort, draft } = this.grading(record, event);
    const problems = gradingProblems(tool, cohort, draft, escalations);
    if (problems.length) throw ruleRefusal(event === 'SUBMIT' ? 'submit' : 'finish grading', problems);
  }

  private grading(
    record: AuditRecord,
    event: string,
  ): { tool: AuditToolDefinition; cohort: string; draft: AuditDraft } {
    return {
      tool: definitionOf(record, event),
      cohort: record.audit.cohortCode,
      draft: record.audit.draft ?? {},
    };
  }

  private send(
    m: EntityManager,
    record: AuditRecord,
    user: AuthenticatedUser,
    event: AuditEvent,
    patch: Partial<Audit> = {},
    expectedVersion?: number,
    detail?: Record<string, unknown>,
  ): Promise<Audit> {
    return this.workflows.send(m, {
      machine: auditMachine,
      entity: Audit,
      entityType: 'audit',
      record: record.audit,
      event,
      actor: actorOf(user),
      patch,
      expectedVersion,
      detail,
    });
  }

  /** Loads the audit for its allocated auditor and runs `work` in one transaction. */
  private command(
    id: number,
    user: AuthenticatedUser,
    work: (m: EntityManager, record: AuditRecord) => Promise<Pick<Audit, 'state' | 'version'>>,
  ): Promise<{ id: number; state: string; version: number }> {
    return this.db.transaction(async (m) => {
      const record = await loadAudit(m, id, user, this.cycles);
      requireAuditor(record, user);
      const after = await work(m, record);
      return { id, state: after.state, version: after.version };
    });
  }
}

/**
 * The posted actions whose owner and due date are worth judging: those the input checks left
 * whole (a malformed one is named by them already), kept at their index.
 */
function postedActions(posted: AuditDraft, inputProblems: readonly FieldProblem[]): ProposedAction[] {
  const refused = new Set(inputProblems.map((p) => /^actions[.[](\d+)/.exec(p.field)?.[1]).filter(Boolean));
  return (posted.actions ?? []).map((a, i) => (refused.has(String(i)) ? { what: '', dueOn: '' } : a));
}

/** The pinned tool; an audit not yet started has none, so any grading event is refused (409). */
function definitionOf(record: AuditRecord, event: string): AuditToolDefinition {
  if (!record.tool) {
    throw DomainError.illegalTransition('audit', record.audit.state, event);
  }
  return record.tool.definition;
}

/** What the draft's shape is judged against, beside its tool: the case's cohort, the draft, the start. */
function shapeFacts(record: AuditRecord, draft: AuditDraft): [string, AuditDraft, string | undefined] {
  return [record.audit.cohortCode, draft, startedOn(record)];
}

/** The tool a draft is saved against: only an audit in progress takes a draft (else 409). */
function draftTool(record: AuditRecord): AuditToolDefinition {
  requireChangeable(record, 'grading', 'SAVE_DRAFT');
  return definitionOf(record, 'SAVE_DRAFT');
}

/** The London date the audit started: nothing it records can have happened before it. */
function startedOn(record: AuditRecord): string | undefined {
  return record.audit.startedAt ? londonDate(new Date(record.audit.startedAt)) : undefined;
}

/** The draft replaced whole, if the audit is still at the version its editor read. */
async function storeDraft(m: EntityManager, record: AuditRecord, draft: AuditDraft, version: number) {
  const { id } = record.audit;
  const result = await m
    .createQueryBuilder()
    .update(Audit)
    .set({ draft: draft as never, version: version + 1 })
    .where('id = :id AND version = :version', { id, version })
    .execute();
  if (result.affected === 0) throw staleAudit(id);
  return { state: record.audit.state, version: version + 1 };
}

/** A part the audit's state does not let change (rules/audit-changes.ts) is a 409 naming the state. */
function requireChangeable(record: AuditRecord, part: AuditPart, event: string): void {
  if (changeRule(part, record.audit.state) === 'refused') {
    throw DomainError.illegalTransition('audit', record.audit.state, event);
  }
}

/** The history row's detail for a change that replaces `value`: the earlier version, kept. */
function earlierOf(value: object | null): { earlier: object } | undefined {
  return value ? { earlier: value } : undefined;
}

function staleAudit(id: number): DomainError {
  return new DomainError(
    ErrorCode.StaleUpdate,
    `audit ${id} was changed since it was read; reload and try again`,
  );
}
