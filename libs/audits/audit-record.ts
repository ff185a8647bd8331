import type { EntityManager } from 'typeorm';
import { type PinnedTool, toolById } from '../audit-tools/index.js';
import type { AuthenticatedUser } from '../auth/index.js';
import { DomainError, ErrorCode } from '../common/index.js';
import { parseJson, placeholder, toBoolean, toNumber } from '../persistence/index.js';
import { auditAccess, type AuditAccess } from './audit-access.js';
import type { AuditCycles, CycleOfAudit } from './audit-cycles.port.js';
import { Audit } from './audit.entity.js';
import { REGISTER_SQL as R } from '../cases/index.js';
import { ORG_SQL as O } from '../org/index.js';

/** An audit with what commands and views need around it: its case, team, cycle and tool. */
export interface AuditRecord {
  audit: Audit;
  cycle: CycleOfAudit;
  caseRef: string;
  worker: string | null;
  teamName: string;
  localityId: number | null;
  tool: PinnedTool | null;
  access: AuditAccess;
}

interface Facts {
  caseRef: string;
  caseWorkerId: number | string | null;
  worker: string | null;
  teamName: string;
  localityId: number | string | null;
}

/**
 * A published tool never changes (drafts are never pinned to an audit), so tools are read once
 * per process and kept: commands on thousands of audits parse the same definition once. Kept per
 * database: ids are only unique within one (tests run two engines in one process).
 */
const toolsByDatabase = new WeakMap<object, Map<number, PinnedTool>>();

async function pinnedTool(m: EntityManager, id: number): Promise<PinnedTool> {
  let tools = toolsByDatabase.get(m.dataSource);
  if (!tools) toolsByDatabase.set(m.dataSource, (tools = new Map()));
  let tool = tools.get(id);
  if (!tool) {
    tool = await toolById(m, id);
    if (tool.state !== 'draft') tools.set(id, tool);
  }
  return tool;
}

/** The audit row joined with its case and team (one query, no ORM query building), and its cycle. */
export async function loadAudit(
  m: EntityManager,
  id: number,
  user: AuthenticatedUser | null,
  cycles: AuditCycles,
): Promise<AuditRecord> {
  const [row] = (await m.query(
    `SELECT a.*, c.${R.caseRef} AS "caseRef", c.${R.worker} AS "worker",
       t.${O.teamName} AS "teamName", t.${O.teamLocalityId} AS "localityId",
       wu.${O.userId} AS "caseWorkerId"
     FROM audits a
     JOIN ${R.cases} c ON c.${R.id} = a.case_id
     JOIN ${O.teams} t ON t.${O.teamId} = a.team_id
     LEFT JOIN ${O.users} wu ON wu.${O.userWorkerKey} = c.${R.workerKey}
     WHERE a.id = ${placeholder(m, 1)}`,
    [id],
  )) as (Facts & Record<string, unknown>)[];
  if (!row) throw DomainError.notFound('audit', id);
  const audit = auditFromRow(row);
  const facts = row;
  const localityId = facts.localityId === null ? null : Number(facts.localityId);
  const access = user
    ? auditAccess(user, {
        state: audit.state,
        auditorId: audit.auditorId,
        moderatorId: audit.moderatorId,
        teamId: audit.teamId,
        localityId,
        caseWorkerId: toNumber(facts.caseWorkerId),
      })
    : 'full';
  // Existence itself is sensitive: whoever may not read the audit cannot tell it from a missing one.
  if (access === 'none') throw DomainError.notFound('audit', id);
  return {
    audit,
    cycle: await cycles.cycleOf(m, audit.cycleId),
    caseRef: facts.caseRef,
    worker: facts.worker,
    teamName: facts.teamName,
    localityId,
    tool: audit.toolId === null ? null : await pinnedTool(m, audit.toolId),
    access,
  };
}

/** Only the allocated auditor changes an audit's grades, discussion or feedback. */
export function requireAuditor(record: AuditRecord, user: AuthenticatedUser): void {
  if (record.audit.auditorId !== user.id) {
    throw new DomainError(ErrorCode.Forbidden, 'only the allocated auditor can change this audit', {
      rule: 'allocated-auditor-only',
    });
  }
}

/** An audits row (snake_case, JSON as text, booleans as 0/1 on SQLite) as the entity. */
function auditFromRow(row: Record<string, unknown>): Audit {
  return Object.assign(new Audit(), {
    id: Number(row.id),
    cycleId: Number(row.cycle_id),
    caseId: Number(row.case_id),
    teamId: Number(row.team_id),
    cohortCode: row.cohort_code as string,
    selectionRank: row.selection_rank as string,
    recentlyAudited: toBoolean(row.recently_audited) ?? false,
    tier: Number(row.tier),
    auditorId: toNumber(row.auditor_id),
    unallocatedReason: (row.unallocated_reason as string | null) ?? null,
    withdrawnReason: (row.withdrawn_reason as string | null) ?? null,
    machineId: row.machine_id as string,
    machineVersion: row.machine_version as string,
    state: row.state as string,
    snapshot: parseJson(row.snapshot),
    toolId: toNumber(row.tool_id),
    draft: parseJson(row.draft),
    overallGrade: (row.overall_grade as string | null) ?? null,
    overallRationale: (row.overall_rationale as string | null) ?? null,
    improved: (row.improved as string | null) ?? null,
    discussionHappened: toBoolean(row.discussion_happened),
    discussion: parseJson(row.discussion),
    familyFeedback: parseJson(row.family_feedback),
    moderatorId: toNumber(row.moderator_id),
    startedAt: (row.started_at as string | null) ?? null,
    submittedAt: (row.submitted_at as string | null) ?? null,
    completedAt: (row.completed_at as string | null) ?? null,
    version: Number(row.version),
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  });
}
