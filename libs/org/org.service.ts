import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { entityPage, type PageRequest } from '../common/paging.js';
import { Db } from '../persistence/db.service.js';
import { hashPassword } from '../auth/auth.service.js';
import { Cohort } from './cohort.entity.js';
import { Locality } from './locality.entity.js';
import { Team } from './team.entity.js';
import { User } from './user.entity.js';
import type { Role } from './role.js';

export const UNALLOCATED_TEAM = 'Unallocated';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  team?: string | null;
  locality?: string | null;
}

@Injectable()
export class OrgService {
  constructor(private readonly db: Db) {}

  /** How big the organisation is; the lists themselves are paged routes of their own. */
  overview() {
    return this.db.read(async (m) => ({
      localities: await m.count(Locality),
      teams: await m.count(Team),
      cohorts: await m.count(Cohort),
      users: await m.count(User),
    }));
  }

  localities(page: PageRequest) {
    return this.db.read((m) => entityPage(m, Locality, { order: { name: 'ASC', id: 'ASC' } }, page));
  }

  teams(page: PageRequest) {
    return this.db.read((m) => entityPage(m, Team, { order: { name: 'ASC', id: 'ASC' } }, page));
  }

  cohorts(page: PageRequest) {
    return this.db.read((m) => entityPage(m, Cohort, { order: { specificity: 'DESC', code: 'ASC' } }, page));
  }

  /** People, never their password hashes (the column is not selected by default either). */
  users(page: PageRequest) {
    return this.db.read((m) =>
      entityPage(
        m,
        User,
        {
          select: {
            id: true,
            username: true,
            displayName: true,
            role: true,
            teamId: true,
            localityId: true,
            active: true,
          },
          order: { username: 'ASC', id: 'ASC' },
        },
        page,
      ),
    );
  }

  addCohort(code: string, title: string, specificity: number): Promise<Cohort> {
    return this.db.transaction(async (m) => {
      if (await m.findOneBy(Cohort, { code })) {
        throw new DomainError(ErrorCode.Conflict, `cohort ${code} already exists`);
      }
      const cohort = m.create(Cohort, { code, title, specificity });
      await m.insert(Cohort, cohort);
      return cohort;
    });
  }

  async createUser(input: NewUser): Promise<Omit<User, 'passwordHash'>> {
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (m) => {
      if (await m.findOneBy(User, { username: input.username })) {
        throw new DomainError(ErrorCode.Conflict, `username ${input.username} is taken`, {
          field: 'username',
        });
      }
      const teamId = input.team ? (await this.requireTeam(m, input.team)).id : null;
      const localityId = input.locality ? (await this.requireLocality(m, input.locality)).id : null;
      const user = m.create(User, { ...input, teamId, localityId, passwordHash, active: true });
      const { identifiers } = await m.insert(User, user);
      const { passwordHash: _hidden, ...visible } = user;
      return { ...visible, id: identifiers[0].id as number };
    });
  }

  private async requireTeam(m: EntityManager, name: string): Promise<Team> {
    const team = await m.findOneBy(Team, { name });
    if (!team) throw DomainError.validation('team', `no team is called ${name}`);
    return team;
  }

  private async requireLocality(m: EntityManager, name: string): Promise<Locality> {
    const locality = await m.findOneBy(Locality, { name });
    if (!locality) throw DomainError.validation('locality', `no locality is called ${name}`);
    return locality;
  }

  /**
   * Team ids for the names a register uses, creating teams the register names but the system
   * does not know yet (the register is the source of truth for which teams hold cases). A
   * blank or unknown team maps to the catch-all "Unallocated" team.
   */
  async resolveTeams(
    m: EntityManager,
    wanted: ReadonlyMap<string | null, string | null>,
  ): Promise<{ ids: Map<string | null, number>; created: string[] }> {
    const teams = await m.find(Team);
    const byName = new Map(teams.map((t) => [t.name.toLowerCase(), t]));
    const localities = new Map((await m.find(Locality)).map((l) => [l.name.toLowerCase(), l.id]));
    const ids = new Map<string | null, number>();
    const created: string[] = [];
    for (const [name, locality] of wanted) {
      const key = (name ?? UNALLOCATED_TEAM).toLowerCase();
      let team = byName.get(key);
      if (!team) {
        const localityId = locality ? (localities.get(locality.toLowerCase()) ?? null) : null;
        team = m.create(Team, {
          name: name ?? UNALLOCATED_TEAM,
          localityId,
          cohortCode: null,
          isUnallocated: name === null,
        });
        const { identifiers } = await m.insert(Team, team);
        team.id = identifiers[0].id as number;
        byName.set(key, team);
        created.push(team.name);
      }
      ids.set(name, team.id);
    }
    return { ids, created };
  }

  /** The names of the teams the register has seen, lower-cased as `resolveTeams` matches them. */
  async teamNames(m: EntityManager): Promise<Set<string>> {
    return new Set((await m.find(Team, { select: { name: true } })).map((t) => t.name.toLowerCase()));
  }

  /** The cohort codes, team names and locality names that exist: what a cycle's filter may name. */
  async knownScope(
    m: EntityManager,
  ): Promise<{ cohorts: Set<string>; teams: Set<string>; localities: Set<string> }> {
    return {
      cohorts: await this.cohortCodes(m),
      teams: new Set((await m.find(Team)).map((t) => t.name)),
      localities: new Set((await m.find(Locality)).map((l) => l.name)),
    };
  }

  async cohortCodes(m: EntityManager): Promise<Set<string>> {
    return new Set((await m.find(Cohort)).map((c) => c.code));
  }
}
