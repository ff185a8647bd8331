import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, normaliseWorkerKey } from '../common/index.js';
import { entityPage, type PageRequest } from '../common/index.js';
import { Db } from '../persistence/index.js';
import { assertAcceptablePassword } from './common-passwords.js';
import { hashPassword } from './password.js';
import { roleScopeProblems } from './role-scope.js';
import { generatePassword } from './user-admin.service.js';
import { Cohort } from './cohort.entity.js';
import { Locality } from './locality.entity.js';
import { Team } from './team.entity.js';
import { User } from './user.entity.js';
import { requireFreeWorkerKey, withWorkerKey } from './worker-key.js';
import type { Role } from './role.js';

export const UNALLOCATED_TEAM = 'Unallocated';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  /** Left out, one is made up and answered once as `generatedPassword`. */
  password?: string;
  team?: string | null;
  locality?: string | null;
  /** The register's worker id or e-mail for a social worker (normalised; unique). */
  workerKey?: string | null;
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
  cohorts(page: PageRequest) {
    return this.db.read((m) => entityPage(m, Cohort, { order: { specificity: 'DESC', code: 'ASC' } }, page));
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

  /** A new person; their role decides whether they need a team or a locality (role-scope.ts). */
  async createUser(input: NewUser): Promise<Omit<User, 'passwordHash'> & { generatedPassword?: string }> {
    const missing = roleScopeProblems(input.role, input);
    if (missing.length > 0) {
      throw new DomainError(ErrorCode.Validation, missing.map((p) => `${p.field}: ${p.message}`).join('; '), {
        errors: missing,
      });
    }
    // A made-up password is random; one the administrator typed must pass the rules.
    if (input.password) assertAcceptablePassword(input.password, { username: input.username });
    const generatedPassword = input.password ? undefined : generatePassword();
    const passwordHash = await hashPassword(input.password ?? generatedPassword!);
    return this.db.transaction(async (m) => {
      if (await m.findOneBy(User, { username: input.username })) {
        throw new DomainError(ErrorCode.Conflict, `username ${input.username} is taken`, {
          field: 'username',
        });
      }
      const team = input.team ? await this.requireTeam(m, input.team) : null;
      // A team's people belong to its locality unless the administrator names another.
      const localityId = input.locality
        ? (await this.requireLocality(m, input.locality)).id
        : (team?.localityId ?? null);
      const { username, displayName, role } = input;
      const workerKey = normaliseWorkerKey(input.workerKey);
      await requireFreeWorkerKey(m, workerKey, null);
      const user = m.create(User, {
        username,
        displayName: displayName.trim(),
        role,
        teamId: team?.id ?? null,
        localityId,
        workerKey,
        passwordHash,
        active: true,
        // The administrator knows it: the person chooses their own at their first sign-in.
        passwordMustChange: true,
      });
      const { identifiers } = await withWorkerKey(() => m.insert(User, user));
      const { passwordHash: _hidden, ...visible } = user;
      const created = { ...visible, id: Number(identifiers[0].id) };
      return generatedPassword ? { ...created, generatedPassword } : created;
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
