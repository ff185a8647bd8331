import { Locality } from '../libs/org/locality.entity.js';
import { Role } from '../libs/org/role.js';
import { Team } from '../libs/org/team.entity.js';
import { User } from '../libs/org/user.entity.js';
import type { Db } from '../libs/persistence/db.service.js';

/** The benches' council: one locality of `teams` teams ("Team 00"…), each with a manager, an AP and an IRO. */
export async function seedBenchOrg(db: Db, options: { teams: number; moderators: number }): Promise<void> {
  await db.transaction(async (m) => {
    const { identifiers } = await m.insert(Locality, { name: 'Bench' });
    const localityId = Number(identifiers[0].id);
    const users: Partial<User>[] = [];
    for (let t = 0; t < options.teams; t++) {
      const name = benchTeam(t);
      const team = await m.insert(Team, { name, localityId, cohortCode: null, isUnallocated: false });
      const teamId = Number(team.identifiers[0].id);
      users.push({ username: `tm${t}`, displayName: `${name} manager`, role: Role.TeamManager, teamId });
      users.push({ username: `ap${t}`, displayName: `${name} AP`, role: Role.AdvancedPractitioner, teamId });
      users.push({ username: `iro${t}`, displayName: `IRO ${t}`, role: Role.Iro, teamId: null });
    }
    for (let i = 0; i < options.moderators; i++) {
      users.push({ username: `mod${i}`, displayName: `Moderator ${i}`, role: Role.Moderator });
    }
    users.push({ username: 'hos', displayName: 'Head of Service', role: Role.HeadOfService });
    users.push({ username: 'dcs', displayName: 'Director', role: Role.Director });
    await m.insert(
      User,
      users.map((u) => ({ teamId: null, localityId, passwordHash: 'x', active: true, ...u })),
    );
  });
}

export const benchTeam = (t: number) => `Team ${String(t).padStart(2, '0')}`;
