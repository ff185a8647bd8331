import { addLocality, addTeam, addUsers, type NewUserRow, Role } from '../libs/org/index.js';
import type { Db } from '../libs/persistence/index.js';

/** The benches' council: one locality of `teams` teams ("Team 00"…), each with a manager, an AP and an IRO. */
export async function seedBenchOrg(
  db: Db,
  options: { teams: number; moderators: number; passwordHash?: string; admin?: boolean },
): Promise<void> {
  await db.transaction(async (m) => {
    const localityId = await addLocality(m, 'Bench');
    const users: Omit<NewUserRow, 'passwordHash'>[] = [];
    for (let t = 0; t < options.teams; t++) {
      const name = benchTeam(t);
      const teamId = await addTeam(m, { name, localityId, cohortCode: null });
      users.push({ username: `tm${t}`, displayName: `${name} manager`, role: Role.TeamManager, teamId });
      users.push({ username: `ap${t}`, displayName: `${name} AP`, role: Role.AdvancedPractitioner, teamId });
      users.push({ username: `iro${t}`, displayName: `IRO ${t}`, role: Role.Iro, teamId: null });
    }
    for (let i = 0; i < options.moderators; i++) {
      users.push({ username: `mod${i}`, displayName: `Moderator ${i}`, role: Role.Moderator });
    }
    users.push({ username: 'hos', displayName: 'Head of Service', role: Role.HeadOfService });
    users.push({ username: 'dcs', displayName: 'Director', role: Role.Director });
    if (options.admin)
      users.push({ username: 'admin', displayName: 'Administrator', role: Role.Administrator });
    await addUsers(
      m,
      users.map((u) => ({ teamId: null, localityId, passwordHash: options.passwordHash ?? 'x', ...u })),
    );
  });
}

export const benchTeam = (t: number) => `Team ${String(t).padStart(2, '0')}`;
