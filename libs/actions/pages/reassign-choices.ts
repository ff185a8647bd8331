import type { EntityManager } from 'typeorm';
import { ORG_SQL as O } from '../../org/index.js';

export interface ReassignChoice {
  id: number;
  name: string;
}

/**
 * Who a manager may give the action to: the active users of the action's team other than its
 * owner, whose locality (their own, or else their team's) is the case's, as the owner rule in
 * ActionsService.reassign demands; a team with no locality yet has no locality rule.
 */
export async function reassignChoices(
  m: EntityManager,
  action: { teamId: number; localityId: number | null; ownerId: number },
): Promise<ReassignChoice[]> {
  const query = m
    .createQueryBuilder()
    .select(`u.${O.userId}`, 'id')
    .addSelect(`u.${O.userDisplayName}`, 'name')
    .from(O.users, 'u')
    .leftJoin(O.teams, 't', `t.${O.teamId} = u.${O.userTeamId}`)
    .where(`u.${O.userActive} = :active`, { active: true })
    .andWhere(`u.${O.userTeamId} = :teamId`, { teamId: action.teamId })
    .andWhere(`u.${O.userId} <> :ownerId`, { ownerId: action.ownerId });
  if (action.localityId !== null) {
    query.andWhere(`COALESCE(u.${O.userLocalityId}, t.${O.teamLocalityId}) = :localityId`, {
      localityId: action.localityId,
    });
  }
  const rows = await query.getRawMany<{ id: number | string; name: string }>();
  return rows
    .map((row) => ({ id: Number(row.id), name: row.name }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}
