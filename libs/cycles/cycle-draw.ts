import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isPublishedTool } from '../audit-tools/index.js';
import type { NewAudit } from '../audits/index.js';
import { DomainError, ErrorCode, type FieldProblem, newSeed } from '../common/index.js';
import { AUDITOR_ROLES, type OrgService, TIER3_ROLES } from '../org/index.js';
import { Cycle, type CycleFilter, type CycleKind, type CycleStratum } from './cycle.entity.js';
import { type CandidateRow, loadAuditors, loadCandidates, type NamedAuditor } from './cycle-queries.js';
import { allocateAudits } from './rules/allocate-audits.js';
import { cycleDateProblems } from './rules/cycle-dates.js';
import { filterProblems } from './rules/filter-problems.js';
import { lastDayOf } from './rules/last-day-of.js';
import { firstDayOf } from './rules/month.js';
import { type SelectionOutcome, selectSample } from './rules/select-sample.js';
import { themedCycleProblems, tier3Problems } from './rules/themed-cycle.js';

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
  /** The preview's digest: the open is refused (409) if the draw is not the sample previewed. */
  previewDigest?: string;
}

export const DEFAULT_RATE = 0.1;
export const DEFAULT_EXCLUDE_MONTHS = 6;
export const DEFAULT_MODERATION_RATE = 0.1;

/** Tier 3 audits a month when the request does not say: TIER3_AUDITS_PER_CYCLE, default 2. */
export function defaultTier3Count(): number {
  const configured = Number(process.env.TIER3_AUDITS_PER_CYCLE ?? 2);
  return Number.isInteger(configured) && configured >= 0 ? configured : 2;
}

/** A request with every default filled in: what a preview shows and its confirmation sends back. */
export type ResolvedCycleRequest = Required<
  Omit<OpenCycleRequest, 'title' | 'count' | 'auditToolId' | 'previewDigest'>
> & {
  title: string | null;
  count: number | null;
  auditToolId: number | null;
};

export function resolveRequest(request: OpenCycleRequest): ResolvedCycleRequest {
  return {
    month: request.month,
    kind: request.kind ?? 'monthly',
    title: request.title ?? null,
    rate: request.rate ?? DEFAULT_RATE,
    count: request.count ?? null,
    seed: request.seed ?? newSeed(),
    excludeMonths: request.excludeMonths ?? DEFAULT_EXCLUDE_MONTHS,
    tier3Count: request.tier3Count ?? defaultTier3Count(),
    asOf: request.asOf ?? firstDayOf(request.month),
    deadline: request.deadline ?? lastDayOf(request.month),
    filter: request.filter ?? {},
    moderationRate: request.moderationRate ?? DEFAULT_MODERATION_RATE,
    auditToolId: request.auditToolId ?? null,
  };
}

/** One drawn audit: what is stored, and the case's team name for the preview. */
export interface DrawnAudit extends NewAudit {
  team: string;
}

/** Everything a cycle's draw decides, before anything is written. */
export interface CycleDraw {
  settings: ResolvedCycleRequest;
  outcome: SelectionOutcome;
  strata: CycleStratum[];
  audits: DrawnAudit[];
  auditors: { main: NamedAuditor[]; tier3: NamedAuditor[] };
  /** SHA-256 over each drawn case's id, auditor and tier: equal digests, equal samples. */
  digest: string;
}

/**
 * Selection and allocation from what the database holds now; reads only. `open` runs it inside
 * its transaction and then writes the result; `preview` runs it alone and writes nothing, so the
 * same register, auditors and settings (seed included) give the preview exactly what opens.
 */
export async function drawCycle(
  m: EntityManager,
  org: OrgService,
  request: OpenCycleRequest,
): Promise<CycleDraw> {
  refuse([...cycleDateProblems(request), ...themedCycleProblems(request)]);
  const settings = resolveRequest(request);
  const { kind, filter, asOf, seed } = settings;
  refuse(filterProblems(kind, filter, await org.knownScope(m)));
  if (kind === 'monthly') await refuseSecondMonthly(m, settings.month);
  if (settings.auditToolId !== null) await requirePublishedTool(m, settings.auditToolId);
  const candidates = await loadCandidates(m, asOf, filter);
  const stratumOf = (c: CandidateRow) => `${c.team} / ${c.cohort}`;
  const outcome = selectSample(
    candidates.map((c) => ({ ...c, stratum: stratumOf(c) })),
    {
      month: settings.month,
      rate: settings.rate,
      count: settings.count,
      excludeMonths: settings.excludeMonths,
      seed,
    },
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
  if (request.tier3Count !== undefined) refuse(tier3Problems(request.tier3Count, outcome.selected.length));
  // Left to the default, tier 3 takes what the sample has: a themed cycle of one case has one.
  else settings.tier3Count = Math.min(settings.tier3Count, outcome.selected.length);
  const byStratum = new Map(candidates.map((c) => [stratumOf(c), c]));
  const strata = outcome.strata.map((s) => ({
    team: byStratum.get(s.stratum)!.team,
    cohort: byStratum.get(s.stratum)!.cohort,
    open: s.open,
    eligible: s.eligible,
    quota: Math.round(s.quota * 1000) / 1000,
    selected: s.selected,
  }));
  const candidateById = new Map(candidates.map((c) => [c.caseId, c]));
  const selectedCases = outcome.selected.map((s) => candidateById.get(s.caseId)!);
  const auditors = { main: await loadAuditors(m, AUDITOR_ROLES), tier3: await loadAuditors(m, TIER3_ROLES) };
  const allocations = allocateAudits(selectedCases, auditors, { seed, tier3Count: settings.tier3Count });
  const audits = outcome.selected.map((s, i) => {
    const c = candidateById.get(s.caseId)!;
    return {
      ...allocations[i],
      teamId: c.teamId,
      cohortCode: c.cohort,
      rank: s.rank,
      recentlyAudited: s.recentlyAudited,
      caseRef: c.caseRef,
      team: c.team,
    };
  });
  return { settings, outcome, strata, audits, auditors, digest: sampleDigest(audits) };
}

/** The digest of a sample: each case with its auditor and tier, in case id order. */
export function sampleDigest(audits: readonly Pick<NewAudit, 'caseId' | 'auditorId' | 'tier'>[]): string {
  const lines = [...audits]
    .sort((a, b) => a.caseId - b.caseId)
    .map((a) => `${a.caseId}>${a.auditorId ?? '-'}>${a.tier}`);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** One 422 listing every problem, each naming its field. */
export function refuse(problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  throw new DomainError(ErrorCode.Validation, problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
    errors: problems,
  });
}

async function refuseSecondMonthly(m: EntityManager, month: string): Promise<void> {
  const existing = await m.findOneBy(Cycle, { monthlyKey: month });
  if (existing) {
    const message = `the monthly cycle for ${month} already exists (cycle ${existing.id}); open a themed cycle instead`;
    throw new DomainError(ErrorCode.Conflict, message, {
      existingCycleId: existing.id,
      errors: [{ field: 'month', message }],
    });
  }
}

async function requirePublishedTool(m: EntityManager, id: number): Promise<void> {
  if (!(await isPublishedTool(m, id))) {
    throw DomainError.validation('auditToolId', `audit tool ${id} is not a published tool`);
  }
}
