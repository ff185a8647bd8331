import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../auth/index.js';
import { type Page, type PageRequest, rawPage } from '../common/index.js';
import { ORG_SQL as O, Role } from '../org/index.js';
import { Db } from '../persistence/index.js';
import { readableBy } from './audit-access.js';
import { AuditCycles } from './audit-cycles.port.js';
import { auditsWithCaseAndTeam } from './audit-lines.js';

export interface OversightFilter {
  team?: number;
  cohort?: string;
  state?: string;
  grade?: string;
}

/** One audit of a locality as the oversight list shows it. */
export interface OversightAudit {
  auditId: number;
  cycleId: number;
  month: string;
  caseRef: string;
  team: string;
  cohort: string;
  state: string;
  auditor: string | null;
  overallGrade: string | null;
  submittedAt: string | null;
}

/** What the filters may choose from: the teams in the reader's scope, and the cohorts. */
export interface OversightOptions {
  teams: { id: number; name: string }[];
  cohorts: { code: string; title: string }[];
}

/**
 * The audits a head of service oversees (their locality's teams) or the director and
 * administrators (every locality), filtered, counted and paged in SQL. The locality is a
 * condition of the query itself, so a team filter can never reach past it.
 */
@Injectable()
export class OversightService {
  constructor(
    private readonly db: Db,
    private readonly cycles: AuditCycles,
  ) {}

  list(user: AuthenticatedUser, filter: OversightFilter, page: PageRequest): Promise<Page<OversightAudit>> {
    return this.db.read(async (m) => {
      const query = auditsWithCaseAndTeam(m.createQueryBuilder(), [
        `u.${O.userDisplayName} AS "auditor"`,
        'a.overall_grade AS "overallGrade"',
        'a.submitted_at AS "submittedAt"',
      ]).leftJoin(O.users, 'u', `u.${O.userId} = a.auditor_id`);
      // The one read rule: a head of service's locality, everything for the director and administrators.
      readableBy(query.where('1 = 1'), user);
      if (filter.team !== undefined) query.andWhere('a.team_id = :team', { team: filter.team });
      if (filter.cohort !== undefined) query.andWhere('a.cohort_code = :cohort', { cohort: filter.cohort });
      if (filter.state !== undefined) query.andWhere('a.state = :state', { state: filter.state });
      if (filter.grade !== undefined) query.andWhere('a.overall_grade = :grade', { grade: filter.grade });
      // Newest first: audits are created cycle by cycle, so the id orders by cycle too.
      query.orderBy('a.id', 'DESC');
      const found = await rawPage(m, query, page, (row: Omit<OversightAudit, 'month'>) => ({
        ...row,
        auditId: Number(row.auditId),
        cycleId: Number(row.cycleId),
      }));
      const months = await monthsOf(m, this.cycles, found.items);
      return { ...found, items: found.items.map((item) => ({ ...item, month: months.get(item.cycleId)! })) };
    });
  }

  options(user: AuthenticatedUser): Promise<OversightOptions> {
    return this.db.read(async (m) => {
      const teams = m
        .createQueryBuilder()
        .select([`t.${O.teamId} AS "id"`, `t.${O.teamName} AS "name"`])
        .from(O.teams, 't')
        .orderBy(`t.${O.teamName}`);
      if (user.role === Role.HeadOfService) {
        teams.where(`t.${O.teamLocalityId} = :locality`, { locality: user.localityId ?? -1 });
      }
      const cohorts = await m
        .createQueryBuilder()
        .select([`k.${O.cohortCode} AS "code"`, `k.${O.cohortTitle} AS "title"`])
        .from(O.cohorts, 'k')
        .orderBy(`k.${O.cohortSpecificity}`, 'DESC')
        .addOrderBy(`k.${O.cohortCode}`)
        .getRawMany<{ code: string; title: string }>();
      const rows = await teams.getRawMany<{ id: number | string; name: string }>();
      return { teams: rows.map((t) => ({ id: Number(t.id), name: t.name })), cohorts };
    });
  }
}

/** Each cycle's month, read through the cycles port once per cycle on the page. */
async function monthsOf(
  m: EntityManager,
  cycles: AuditCycles,
  items: { cycleId: number }[],
): Promise<Map<number, string>> {
  const months = new Map<number, string>();
  for (const { cycleId } of items) {
    if (!months.has(cycleId)) months.set(cycleId, (await cycles.cycleOf(m, cycleId)).month);
  }
  return months;
}
