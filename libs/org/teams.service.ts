import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, type Page, type PageRequest, rawPage } from '../common/index.js';
import { Db } from '../persistence/index.js';
import { Cohort } from './cohort.entity.js';
import { Locality } from './locality.entity.js';
import { Team } from './team.entity.js';
import { User } from './user.entity.js';

export interface LocalityItem {
  id: number;
  name: string;
  teams: number;
}

export interface TeamItem {
  id: number;
  name: string;
  localityId: number | null;
  localityName: string | null;
  cohortCode: string | null;
  cohortTitle: string | null;
  isUnallocated: boolean;
  /** Active users in the team. */
  users: number;
}

export interface NewTeam {
  name: string;
  locality: string;
  cohort?: string | null;
}

export interface TeamChange {
  name?: string;
  locality?: string;
  /** A cohort code, or null for a team that takes every cohort. */
  cohort?: string | null;
}

/** Localities and teams as the administrator keeps them. Names are unique, whatever their case. */
@Injectable()
export class TeamsService {
  constructor(private readonly db: Db) {}

  localities(page: PageRequest): Promise<Page<LocalityItem>> {
    return this.db.read((m) => {
      const query = m
        .createQueryBuilder(Locality, 'l')
        .select(['l.id AS "id"', 'l.name AS "name"'])
        .addSelect((q) => q.select('COUNT(*)').from(Team, 't').where('t.locality_id = l.id'), 'teams')
        .orderBy('l.name', 'ASC')
        .addOrderBy('l.id', 'ASC');
      return rawPage<{ id: unknown; name: string; teams: unknown }, LocalityItem>(m, query, page, (r) => ({
        id: Number(r.id),
        name: r.name,
        teams: Number(r.teams),
      }));
    });
  }

  teams(page: PageRequest, filter: { localityId?: number } = {}): Promise<Page<TeamItem>> {
    return this.db.read((m) => {
      const query = m
        .createQueryBuilder(Team, 't')
        .select([
          't.id AS "id"',
          't.name AS "name"',
          't.locality_id AS "localityId"',
          'l.name AS "localityName"',
          't.cohort_code AS "cohortCode"',
          'c.title AS "cohortTitle"',
          't.is_unallocated AS "isUnallocated"',
        ])
        .addSelect(
          (q) =>
            q
              .select('COUNT(*)')
              .from(User, 'u')
              .where('u.team_id = t.id AND u.active = :active', { active: true }),
          'users',
        )
        .leftJoin(Locality, 'l', 'l.id = t.locality_id')
        .leftJoin(Cohort, 'c', 'c.code = t.cohort_code');
      if (filter.localityId !== undefined)
        query.where('t.locality_id = :localityId', { localityId: filter.localityId });
      query.orderBy('t.name', 'ASC').addOrderBy('t.id', 'ASC');
      return rawPage<Record<string, unknown>, TeamItem>(m, query, page, (r) => ({
        id: Number(r.id),
        name: String(r.name),
        localityId: r.localityId === null ? null : Number(r.localityId),
        localityName: (r.localityName as string | null) ?? null,
        cohortCode: (r.cohortCode as string | null) ?? null,
        cohortTitle: (r.cohortTitle as string | null) ?? null,
        isUnallocated: r.isUnallocated === true || r.isUnallocated === 1,
        users: Number(r.users),
      }));
    });
  }

  addLocality(name: string): Promise<LocalityItem> {
    return this.db.transaction(async (m) => {
      const clean = name.trim();
      await this.refuseTakenName(m, Locality, clean, 'a locality');
      const { identifiers } = await m.insert(Locality, { name: clean });
      return { id: Number(identifiers[0].id), name: clean, teams: 0 };
    });
  }

  renameLocality(id: number, name: string): Promise<Locality> {
    return this.db.transaction(async (m) => {
      const locality = await m.findOneBy(Locality, { id });
      if (!locality) throw DomainError.notFound('locality', id);
      const clean = name.trim();
      await this.refuseTakenName(m, Locality, clean, 'a locality', id);
      await m.update(Locality, { id }, { name: clean });
      return { ...locality, name: clean };
    });
  }

  addTeam(input: NewTeam): Promise<Team> {
    return this.db.transaction(async (m) => {
      const name = input.name.trim();
      await this.refuseTakenName(m, Team, name, 'a team');
      const localityId = await this.localityId(m, input.locality);
      const cohortCode = await this.cohortCode(m, input.cohort ?? null);
      const team = { name, localityId, cohortCode, isUnallocated: false };
      const { identifiers } = await m.insert(Team, team);
      return { id: Number(identifiers[0].id), ...team };
    });
  }

  /** Renames a team or moves it; the register matches teams by name, so a rename is what it then uses. */
  changeTeam(id: number, change: TeamChange): Promise<Team> {
    return this.db.transaction(async (m) => {
      const team = await m.findOneBy(Team, { id });
      if (!team) throw DomainError.notFound('team', id);
      const patch: Partial<Team> = {};
      if (change.name !== undefined) {
        patch.name = change.name.trim();
        await this.refuseTakenName(m, Team, patch.name, 'a team', id);
      }
      if (change.locality !== undefined) patch.localityId = await this.localityId(m, change.locality);
      if (change.cohort !== undefined) patch.cohortCode = await this.cohortCode(m, change.cohort);
      if (Object.keys(patch).length > 0) await m.update(Team, { id }, patch);
      return { ...team, ...patch };
    });
  }

  private async refuseTakenName(
    m: EntityManager,
    entity: typeof Team | typeof Locality,
    name: string,
    what: string,
    exceptId?: number,
  ): Promise<void> {
    const query = m
      .createQueryBuilder(entity, 'x')
      .where('LOWER(x.name) = :name', { name: name.toLowerCase() });
    if (exceptId !== undefined) query.andWhere('x.id <> :id', { id: exceptId });
    if (await query.getExists()) {
      throw new DomainError(ErrorCode.Conflict, `${what} is already called ${name}`, {
        errors: [{ field: 'name', message: `${what} is already called ${name}` }],
      });
    }
  }

  private async localityId(m: EntityManager, name: string): Promise<number> {
    const locality = await m.findOneBy(Locality, { name });
    if (!locality) throw DomainError.validation('locality', `no locality is called ${name}`);
    return locality.id;
  }

  private async cohortCode(m: EntityManager, code: string | null): Promise<string | null> {
    if (!code) return null;
    if (!(await m.findOneBy(Cohort, { code })))
      throw DomainError.validation('cohort', `no cohort has the code ${code}`);
    return code;
  }
}
