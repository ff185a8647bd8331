import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/index.js';
import type { EntityManager } from 'typeorm';
import { auditMachine } from '../../workflows/audit.machine.js';
import { appliesTo, GRADES, type Grade } from '../../workflows/audit-tool-definition.js';
import { actorOf, type AuthenticatedUser } from '../auth/index.js';
import { DomainError, ErrorCode } from '../common/index.js';
import { Audit } from './audit.entity.js';
import { OutboxService } from '../notifications/index.js';
import { activeUsersInRoles, Role } from '../org/index.js';
import { AuditCycles } from './audit-cycles.port.js';
import { type Page, type PageRequest, rawPage } from '../common/index.js';
import { Db, placeholder } from '../persistence/index.js';
import { type Actor, WorkflowRunner } from '../persistence/index.js';
import { AuditDomainGrade } from './audit-grade.entity.js';
import { AuditClosure } from './audit-closure.js';
import { type AuditRecord, loadAudit } from './audit-record.js';
import { Moderation } from './moderation.entity.js';
import { type ModerationLine, moderationLinesQuery, toModerationLine } from './moderation-lines.js';
import { chosenForModeration, quarterOf } from './rules/moderation-sample.js';

export interface ModerationInput {
  /** The audit version the moderator read: a stale one is a 409, as for every write. */
  version: number;
  overallGrade: Grade;
  domains?: Record<string, Grade>;
  comment?: string;
}

/** Sends a share of submitted audits to moderators and records their re-grades beside the auditor's. */
@Injectable()
export class ModerationService {
  constructor(
    private readonly db: Db,
    private readonly workflows: WorkflowRunner,
    private readonly outbox: OutboxService,
    private readonly cycles: AuditCycles,
    private readonly clock: Clock,
    private readonly closure: AuditClosure,
  ) {}

  /** Right after submission: to a moderator when the seeded draw (or the quarterly minimum) says so. */
  async routeSubmitted(m: EntityManager, record: AuditRecord, actor: Actor): Promise<Audit> {
    const quarter = quarterOf(this.clock.today());
    // Plain SQL: it runs on every submit, and building it with the query builder (string table
    // names looked up against every entity) cost more than running it (bench/audit-lifecycle).
    const [{ n }] = (await m.query(
      `SELECT COUNT(*) AS n FROM moderations mo JOIN audits a ON a.id = mo.audit_id
       WHERE a.auditor_id = ${placeholder(m, 1)} AND mo.assigned_at >= ${placeholder(m, 2)}`,
      [record.audit.auditorId, quarter.from],
    )) as { n: string | number }[];
    const chosen = chosenForModeration({
      seed: record.cycle.seed,
      caseRef: record.caseRef,
      share: record.cycle.moderationRate,
      auditorModeratedThisQuarter: Number(n) > 0,
    });
    const moderatorId = chosen ? await leastLoadedModerator(m, record.audit.auditorId) : null;
    const send = (event: { type: 'SEND_TO_MODERATION' } | { type: 'CONFIRM' }, patch: Partial<Audit>) =>
      this.workflows.send(m, {
        machine: auditMachine,
        entity: Audit,
        entityType: 'audit',
        record: record.audit,
        event,
        actor,
        patch,
      });
    if (moderatorId === null) return send({ type: 'CONFIRM' }, { completedAt: this.clock.nowIso() });
    const sent = await send({ type: 'SEND_TO_MODERATION' }, { moderatorId });
    await m.insert(Moderation, {
      auditId: record.audit.id,
      moderatorId,
      auditorGrade: record.audit.overallGrade ?? '',
      assignedAt: this.clock.nowIso(),
    });
    await this.outbox.enqueue(m, [
      {
        kind: 'moderation',
        recipientId: moderatorId,
        subject: `Audit ${record.audit.id} (${record.caseRef}) is ready for moderation`,
        payload: { auditId: record.audit.id, caseRef: record.caseRef },
      },
    ]);
    return sent;
  }

  /** The moderator's judgement, stored beside the auditor's grade, never over it. */
  moderate(auditId: number, input: ModerationInput, user: AuthenticatedUser) {
    return this.db.transaction(async (m) => {
      const record = await loadAudit(m, auditId, user, this.cycles);
      if (user.role !== Role.Moderator || record.audit.moderatorId !== user.id) {
        throw new DomainError(
          ErrorCode.Forbidden,
          'only the moderator this audit was sent to can moderate it',
          {
            rule: 'assigned-moderator-only',
          },
        );
      }
      const domains = Object.entries(input.domains ?? {});
      const definition = record.tool!.definition;
      for (const [key, grade] of domains) {
        const domain = definition.domains.find((d) => d.key === key);
        if (!domain || !appliesTo(domain, record.audit.cohortCode)) {
          throw DomainError.validation(
            `domains.${key}`,
            `the audit's tool has no domain ${key} for this case`,
          );
        }
        if (!(GRADES as readonly string[]).includes(grade)) {
          throw DomainError.validation(`domains.${key}`, `grade must be one of ${GRADES.join(', ')}`);
        }
      }
      const at = this.clock.nowIso();
      await this.workflows.send(m, {
        machine: auditMachine,
        entity: Audit,
        entityType: 'audit',
        record: record.audit,
        event: { type: 'MODERATE', moderatorId: user.id },
        actor: actorOf(user),
        expectedVersion: input.version,
        patch: { completedAt: at },
        detail: { agreed: input.overallGrade === record.audit.overallGrade },
      });
      await m.update(
        Moderation,
        { auditId },
        {
          overallGrade: input.overallGrade,
          agreed: input.overallGrade === record.audit.overallGrade,
          comment: input.comment ?? null,
          moderatedAt: at,
        },
      );
      if (domains.length) {
        await m.insert(
          AuditDomainGrade,
          domains.map(([domainKey, grade]) => ({
            auditId,
            source: 'moderator' as const,
            domainKey,
            grade,
            evidence: null,
          })),
        );
      }
      // The grades now stand: with no action open the audit closes straight away.
      const now = await this.closure.closeIfResolved(m, auditId);
      return {
        id: auditId,
        state: now.state,
        version: now.version,
        agreed: input.overallGrade === record.audit.overallGrade,
      };
    });
  }

  /** The audits waiting for this moderator, longest waiting first, each with its auditor and their grade. */
  queue(user: AuthenticatedUser, page: PageRequest): Promise<Page<ModerationLine>> {
    return this.db.read((m) => {
      const query = moderationLinesQuery(m, user)
        .andWhere('mo.moderated_at IS NULL')
        .orderBy('mo.assigned_at')
        .addOrderBy('mo.audit_id');
      return rawPage(m, query, page, toModerationLine);
    });
  }

  /** The audits this moderator has moderated, the latest first, with their judgement beside the auditor's. */
  moderated(user: AuthenticatedUser, page: PageRequest): Promise<Page<ModerationLine>> {
    return this.db.read((m) => {
      const query = moderationLinesQuery(m, user)
        .andWhere('mo.moderated_at IS NOT NULL')
        .orderBy('mo.moderated_at', 'DESC')
        .addOrderBy('mo.audit_id', 'DESC');
      return rawPage(m, query, page, toModerationLine);
    });
  }
}

/** The active moderator with the fewest moderations waiting, never the audit's own auditor. */
async function leastLoadedModerator(m: EntityManager, auditorId: number | null): Promise<number | null> {
  const moderators = (await activeUsersInRoles(m, [Role.Moderator])).filter((u) => u.id !== auditorId);
  if (moderators.length === 0) return null;
  const waiting = await m
    .createQueryBuilder()
    .select('mo.moderator_id', 'id')
    .addSelect('COUNT(*)', 'n')
    .from(Moderation, 'mo')
    .where('mo.moderated_at IS NULL')
    .groupBy('mo.moderator_id')
    .getRawMany<{ id: number | string; n: number | string }>();
  const load = new Map(waiting.map((w) => [Number(w.id), Number(w.n)]));
  // Fewest waiting, then the lowest id (activeUsersInRoles lists by id).
  let best = moderators[0];
  for (const u of moderators) if ((load.get(u.id) ?? 0) < (load.get(best.id) ?? 0)) best = u;
  return best.id;
}
