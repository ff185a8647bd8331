import { Injectable, Logger } from '@nestjs/common';
import { type EntityManager, QueryFailedError, type QueryDeepPartialEntity } from 'typeorm';
import { RESOLVED_AUDIT_STATES } from '../../workflows/audit.machine.js';
import { CYCLE_MACHINE_ID, CYCLE_MACHINE_VERSION, cycleMachine } from '../../workflows/cycle.machine.js';
import { AuditTool } from '../audit-tools/audit-tool.entity.js';
import { Clock } from '../clock/index.js';
import { DomainError, ErrorCode, type FieldProblem } from '../common/domain-error.js';
import { AUDITOR_ROLES, TIER3_ROLES } from '../org/role.js';
import { Db } from '../persistence/db.service.js';
import { type Actor, WorkflowRunner } from '../persistence/workflow-runner.service.js';
import { Audit } from './audit.entity.js';
import { Cycle, type CycleFilter, type CycleKind } from './cycle.entity.js';
import { cycleDocument, type CycleDocument } from './cycle-document.js';
import { loadAuditors, loadCandidates } from './cycle-queries.js';
import { allocateAudits } from './rules/allocate-audits.js';
import { OrgService } from '../org/org.service.js';
import { cycleDateProblems } from './rules/cycle-dates.js';
import { filterProblems } from './rules/filter-problems.js';
import { firstDayOf } from './rules/month.js';
import { newSeed } from './rules/seeded-rank.js';
import { selectSample } from './rules/select-sample.js';
import { lastDayOf } from './rules/last-day-of.js';
import { storeAudits } from './store-audits.js';

export interface OpenCycleRequest {
  month: string;
  kind?: CycleKind;
  title?: string;
  rate?: number;
  count?: number;
  seed?: string;
  excludeMonths?: number;
  tier3Count?: number;
  asOf?: string;
  deadline?: string;
  filter?: CycleFilter;
  moderationRate?: number;
  auditToolId?: number;
}

export const DEFAULT_RATE = 0.1;
export const DEFAULT_EXCLUDE_MONTHS = 6;
export const DEFAULT_MODERATION_RATE = 0.1;

/** Tier 3 audits a month when the request does not say: TIER3_AUDITS_PER_CYCLE, default 2. */
export function defaultTier3Count(): number {
  const configured = Number(process.env.TIER3_AUDITS_PER_CYCLE ?? 2);
  return Number.isInteger(configured) && configured >= 0 ? configured : 2;
}

@Injectable()
export class CyclesService {
  private readonly logger = new Logger(CyclesService.name);

  constructor(
    private readonly db: Db,
    private readonly workflows: WorkflowRunner,
    private readonly clock: Clock,
    private readonly org: OrgService,
  ) {}

  /** Selects and allocates a cycle's sample: one transaction, so a failure leaves no cycle. */
  async open(request: OpenCycleRequest, actor: Actor): Promise<CycleDocument> {
    const kind = request.kind ?? 'monthly';
    refuse(cycleDateProblems(request));
    const seed = request.seed ?? newSeed();
    const asOf = request.asOf ?? firstDayOf(request.month);
    const filter = request.filter ?? {};
    try {
      const document = await this.db.transaction(async (m) => {
        refuse(filterProblems(kind, filter, await this.org.knownScope(m)));
        if (kind === 'monthly') await this.refuseSecondMonthly(m, request.month);
        if (request.auditToolId !== undefined) await requirePublishedTool(m, request.auditToolId);
        const candidates = await loadCandidates(m, asOf, filter);
        const policy = {
          month: request.month,
          rate: request.rate ?? DEFAULT_RATE,
          count: request.count ?? null,
          excludeMonths: request.excludeMonths ?? DEFAULT_EXCLUDE_MONTHS,
          seed,
        };
        const outcome = selectSample(
          candidates.map((c) => ({ ...c, stratum: `${c.team} / ${c.cohort}` })),
          policy,
        );
        if (outcome.selected.length === 0) {
          // Name what narrowed the scope: the filter if there is one, else the date.
          const field = Object.values(filter).some((list) => list?.length)
            ? 'filter'
            : request.asOf
              ? 'asOf'
              : 'month';
          throw new DomainError(ErrorCode.Validation, `no open cases on ${asOf} are in the cycle's scope`, {
            errors: [{ field, message: `no open cases on ${asOf} in scope` }],
          });
        }
        const byStratum = new Map(candidates.map((c) => [`${c.team} / ${c.cohort}`, c]));
        const initial = this.workflows.initialSnapshot(cycleMachine);
        const cycle = m.create(Cycle, {
          kind,
          month: request.month,
          monthlyKey: kind === 'monthly' ? request.month : null,
          title: request.title ?? null,
          asOf,
          deadline: request.deadline ?? lastDayOf(request.month),
          rate: policy.rate,
          sampleCount: policy.count,
          seed,
          excludeMonths: policy.excludeMonths,
          tier3Count: request.tier3Count ?? defaultTier3Count(),
          filter,
          auditToolId: request.auditToolId ?? null,
          moderationRate: request.moderationRate ?? DEFAULT_MODERATION_RATE,
          strata: outcome.strata.map((s) => ({
            team: byStratum.get(s.stratum)!.team,
            cohort: byStratum.get(s.stratum)!.cohort,
            open: s.open,
            eligible: s.eligible,
            quota: Math.round(s.quota * 1000) / 1000,
            selected: s.selected,
          })),
          machineId: CYCLE_MACHINE_ID,
          machineVersion: CYCLE_MACHINE_VERSION,
          state: initial.state,
          snapshot: initial.snapshot,
          version: 1,
          createdBy: actor.label,
        });
        const { identifiers } = await m.insert(Cycle, cycle as QueryDeepPartialEntity<Cycle>);
        cycle.id = Number(identifiers[0].id);
        await this.workflows.recordStart(m, 'cycle', cycle, actor, { seed, asOf });
        let current = await this.workflows.send(m, {
          machine: cycleMachine,
          entity: Cycle,
          entityType: 'cycle',
          record: cycle,
          event: {
            type: 'SELECT',
            open: outcome.open,
            eligible: outcome.eligible,
            selected: outcome.selected.length,
          },
          actor,
        });

        const candidateById = new Map(candidates.map((c) => [c.caseId, c]));
        const selectedCases = outcome.selected.map((s) => candidateById.get(s.caseId)!);
        const allocations = allocateAudits(
          selectedCases,
          { main: await loadAuditors(m, AUDITOR_ROLES), tier3: await loadAuditors(m, TIER3_ROLES) },
          { seed, tier3Count: current.tier3Count },
        );
        const rows = outcome.selected.map((s, i) => ({
          ...allocations[i],
          teamId: candidateById.get(s.caseId)!.teamId,
          cohortCode: candidateById.get(s.caseId)!.cohort,
          rank: s.rank,
          recentlyAudited: s.recentlyAudited,
        }));
        await storeAudits(m, this.workflows, cycle.id, rows, actor);
        current = await this.workflows.send(m, {
          machine: cycleMachine,
          entity: Cycle,
          entityType: 'cycle',
          record: current,
          event: { type: 'ALLOCATE' },
          actor,
        });
        return cycleDocument(m, current);
      });
      this.logger.log(
        `cycle ${document.id} (${kind} ${document.month}) opened by ${actor.label}: seed ${seed}, ` +
          `${document.selected} selected, ${document.unallocated} unallocated`,
      );
      return document;
    } catch (error) {
      if (
        kind === 'monthly' &&
        error instanceof QueryFailedError &&
        /unique|duplicate/i.test(error.message)
      ) {
        // Two opens for one month raced past the check; the unique monthly key let one through.
        throw new DomainError(
          ErrorCode.Conflict,
          `the monthly cycle for ${request.month} was opened at the same moment by someone else`,
        );
      }
      throw error;
    }
  }

  private async refuseSecondMonthly(m: EntityManager, month: string): Promise<void> {
    const existing = await m.findOneBy(Cycle, { monthlyKey: month });
    if (existing) {
      throw new DomainError(
        ErrorCode.Conflict,
        `the monthly cycle for ${month} already exists (cycle ${existing.id}); open a themed cycle instead`,
        { existingCycleId: existing.id },
      );
    }
  }

  /** Closes a cycle once each of its audits is completed or withdrawn with a reason. */
  close(id: number, actor: Actor): Promise<CycleDocument> {
    return this.db.transaction(async (m) => {
      const cycle = await requireCycle(m, { id });
      const outstandingAudits = await m
        .createQueryBuilder(Audit, 'a')
        .where('a.cycle_id = :id AND a.state NOT IN (:...resolved)', { id, resolved: RESOLVED_AUDIT_STATES })
        .getCount();
      if (outstandingAudits > 0 && cycle.state === 'allocated') {
        // Said here rather than by the machine's guard, to tell how many audits hold it open.
        throw DomainError.illegalTransition('cycle', cycle.state, 'CLOSE', { outstandingAudits });
      }
      const closed = await this.workflows.send(m, {
        machine: cycleMachine,
        entity: Cycle,
        entityType: 'cycle',
        record: cycle,
        event: { type: 'CLOSE', outstandingAudits, at: this.clock.nowIso() },
        actor,
      });
      return cycleDocument(m, closed);
    });
  }
}

/** One 422 listing every problem, each naming its field. */
function refuse(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  throw new DomainError(ErrorCode.Validation, problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
    errors: problems,
  });
}

export async function requireCycle(
  m: EntityManager,
  where: { id: number } | { monthlyKey: string },
): Promise<Cycle> {
  const cycle = await m.findOneBy(Cycle, where);
  if (!cycle) throw DomainError.notFound('cycle', 'id' in where ? where.id : `for ${where.monthlyKey}`);
  return cycle;
}

async function requirePublishedTool(m: EntityManager, id: number): Promise<void> {
  const tool = await m.findOneBy(AuditTool, { id });
  if (tool?.state !== 'published') {
    throw DomainError.validation('auditToolId', `audit tool ${id} is not a published tool`);
  }
}
