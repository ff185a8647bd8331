import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/index.js';
import type { EntityManager } from 'typeorm';
import { auditMachine } from '../../workflows/audit.machine.js';
import {
  ESCALATION_MACHINE_ID,
  ESCALATION_MACHINE_VERSION,
  escalationMachine,
} from '../../workflows/escalation.machine.js';
import { actorOf, type AuthenticatedUser } from '../auth/index.js';
import { DomainError } from '../common/index.js';
import { Audit } from './audit.entity.js';
import { OutboxService } from '../notifications/index.js';
import { activeUsersInRoles, ORG_SQL as O, Role } from '../org/index.js';
import { AuditCycles } from './audit-cycles.port.js';
import { type PageRequest, rawPage } from '../common/index.js';
import { Db } from '../persistence/index.js';
import { WorkflowRunner } from '../persistence/index.js';
import { loadAudit, requireAuditor } from './audit-record.js';
import { readableBy } from './audit-access.js';
import { Escalation } from './escalation.entity.js';
import { REGISTER_SQL as R } from '../cases/index.js';

/**
 * Unsafe practice found in an audit goes at once to the head of service for the case's
 * locality (the director where the locality has none), who must acknowledge it.
 */
@Injectable()
export class EscalationsService {
  constructor(
    private readonly db: Db,
    private readonly workflows: WorkflowRunner,
    private readonly outbox: OutboxService,
    private readonly cycles: AuditCycles,
    private readonly clock: Clock,
  ) {}

  async raise(auditId: number, reason: string, user: AuthenticatedUser) {
    const escalation = await this.db.transaction(async (m) => {
      const record = await loadAudit(m, auditId, user, this.cycles);
      requireAuditor(record, user);
      await this.workflows.send(m, {
        machine: auditMachine,
        entity: Audit,
        entityType: 'audit',
        record: record.audit,
        event: { type: 'ESCALATE', actorId: user.id },
        actor: actorOf(user),
      });
      const initial = this.workflows.initialSnapshot(escalationMachine);
      const raisedAt = this.clock.nowIso();
      const row = m.create(Escalation, {
        auditId,
        localityId: record.localityId,
        raisedBy: user.id,
        reason,
        raisedAt,
        machineId: ESCALATION_MACHINE_ID,
        machineVersion: ESCALATION_MACHINE_VERSION,
        state: initial.state,
        snapshot: initial.snapshot,
        version: 1,
      });
      const { identifiers } = await m.insert(Escalation, row as never);
      row.id = Number(identifiers[0].id);
      await this.workflows.recordStart(m, 'escalation', row, actorOf(user));
      const recipients = await recipientsFor(m, record.localityId);
      await this.outbox.enqueue(
        m,
        recipients.map((recipientId) => ({
          kind: 'escalation',
          recipientId,
          subject: `Escalation from the audit of case ${record.caseRef}: acknowledge it`,
          payload: { escalationId: row.id, auditId, caseRef: record.caseRef },
        })),
      );
      return { id: row.id, auditId, state: row.state, raisedAt, notified: recipients };
    });
    await this.outbox.deliverPending();
    return escalation;
  }

  acknowledge(id: number, response: string, user: AuthenticatedUser) {
    return this.db.transaction(async (m) => {
      const escalation = await m.findOneBy(Escalation, { id });
      if (!escalation || !canAcknowledge(user, escalation)) throw DomainError.notFound('escalation', id);
      const acknowledgedAt = this.clock.nowIso();
      const done = await this.workflows.send(m, {
        machine: escalationMachine,
        entity: Escalation,
        entityType: 'escalation',
        record: escalation,
        event: { type: 'ACKNOWLEDGE', by: user.id },
        actor: actorOf(user),
        patch: { acknowledgedBy: user.id, acknowledgedAt, response: response.trim() },
      });
      return {
        id,
        state: done.state,
        raisedAt: escalation.raisedAt,
        acknowledgedAt,
        acknowledgedBy: user.id,
        response: response.trim(),
      };
    });
  }

  /**
   * A head of service's escalations (their locality), or everyone's for the director and
   * administrators; `state` keeps only those waiting (raised) or only those acknowledged.
   */
  list(user: AuthenticatedUser, page: PageRequest, state?: string) {
    return this.db.read((m) => {
      const query = escalationsQuery(m, user).orderBy('e.raised_at', 'DESC').addOrderBy('e.id', 'DESC');
      if (state !== undefined) query.andWhere('e.state = :state', { state });
      return rawPage(m, query, page, toEscalationLine);
    });
  }

  /** How many escalations wait for acknowledgement among those the reader may read: counted in SQL. */
  waitingCount(user: AuthenticatedUser): Promise<number> {
    return this.db.read(async (m) => {
      const query = m
        .createQueryBuilder()
        .select('COUNT(*)', 'n')
        .from('escalations', 'e')
        .innerJoin('audits', 'a', 'a.id = e.audit_id')
        .where('e.state = :state', { state: WAITING });
      const row = await readableBy(query, user).getRawOne<{ n: number | string }>();
      return Number(row?.n ?? 0);
    });
  }

  /** One escalation, as `list` shows it; one outside the reader's locality is not found. */
  one(id: number, user: AuthenticatedUser): Promise<EscalationLine> {
    return this.db.read(async (m) => {
      const row = await escalationsQuery(m, user).andWhere('e.id = :id', { id }).getRawOne<EscalationLine>();
      if (!row) throw DomainError.notFound('escalation', id);
      return toEscalationLine(row);
    });
  }
}

/** The escalation machine's state for one not yet acknowledged. */
const WAITING = 'raised';

export interface EscalationLine {
  id: number;
  auditId: number;
  caseRef: string;
  team: string;
  auditor: string | null;
  /** The social worker the register names for the case. */
  worker: string | null;
  reason: string;
  state: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  response: string | null;
}

/** Escalations with their case, limited to audits the reader may read (a head of service's locality). */
function escalationsQuery(m: EntityManager, user: AuthenticatedUser) {
  const query = m
    .createQueryBuilder()
    .select([
      'e.id AS "id"',
      'e.audit_id AS "auditId"',
      `c.${R.caseRef} AS "caseRef"`,
      `t.${O.teamName} AS "team"`,
      `u.${O.userDisplayName} AS "auditor"`,
      `c.${R.worker} AS "worker"`,
      'e.reason AS "reason"',
      'e.state AS "state"',
      'e.raised_at AS "raisedAt"',
      'e.acknowledged_at AS "acknowledgedAt"',
      'e.response AS "response"',
    ])
    .from('escalations', 'e')
    .innerJoin('audits', 'a', 'a.id = e.audit_id')
    .innerJoin(R.cases, 'c', `c.${R.id} = a.case_id`)
    .innerJoin(O.teams, 't', `t.${O.teamId} = a.team_id`)
    .leftJoin(O.users, 'u', `u.${O.userId} = a.auditor_id`);
  // Listed only where the audit itself may be read: the one read rule, not the escalation's own copy of the locality.
  return readableBy(query.where('1 = 1'), user);
}

function toEscalationLine(row: EscalationLine): EscalationLine {
  return { ...row, id: Number(row.id), auditId: Number(row.auditId) };
}

function canAcknowledge(user: AuthenticatedUser, escalation: Escalation): boolean {
  if (user.role === Role.Director) return true;
  return (
    user.role === Role.HeadOfService && user.localityId !== null && user.localityId === escalation.localityId
  );
}

/**
 * The head of service for the case's locality; where there is none, the director; where there is
 * no director either, the administrators. An unsafe child is never left unescalated for want of
 * configuration: the escalation is recorded even if nobody can be told.
 */
async function recipientsFor(m: EntityManager, localityId: number | null): Promise<number[]> {
  const heads = localityId === null ? [] : await activeUsersInRoles(m, [Role.HeadOfService], { localityId });
  if (heads.length) return heads.map((p) => p.id);
  for (const role of [Role.Director, Role.Administrator]) {
    const people = await activeUsersInRoles(m, [role]);
    if (people.length) return people.map((p) => p.id);
  }
  return [];
}
