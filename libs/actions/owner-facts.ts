import type { EntityManager } from 'typeorm';
import type { OwnerFacts } from '../../workflows/rules/action-rules.js';
import { ORG_SQL as O } from '../org/index.js';
import { toBoolean, toNumber } from '../persistence/index.js';

/** Each named user's facts for the owner rule (an id with no user is simply absent). */
export async function ownerFactsOf(
  m: EntityManager,
  ids: readonly number[],
): Promise<Map<number, OwnerFacts>> {
  const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))];
  if (wanted.length === 0) return new Map();
  const rows = await m
    .createQueryBuilder()
    .select(`u.${O.userId}`, 'id')
    .addSelect(`u.${O.userActive}`, 'active')
    // A user's own locality, or else their team's: a social worker may carry only a team.
    .addSelect(`COALESCE(u.${O.userLocalityId}, t.${O.teamLocalityId})`, 'localityId')
    .from(O.users, 'u')
    .leftJoin(O.teams, 't', `t.${O.teamId} = u.${O.userTeamId}`)
    .where(`u.${O.userId} IN (:...wanted)`, { wanted })
    .getRawMany<{ id: number | string; active: unknown; localityId: number | string | null }>();
  return new Map(
    rows.map((r) => [
      Number(r.id),
      { id: Number(r.id), active: toBoolean(r.active) ?? false, localityId: toNumber(r.localityId) },
    ]),
  );
}

/** The locality of a team (an action's, which is its audit's case's). */
export async function teamLocality(m: EntityManager, teamId: number): Promise<number | null> {
  const row = await m
    .createQueryBuilder()
    .select(`t.${O.teamLocalityId}`, 'localityId')
    .from(O.teams, 't')
    .where(`t.${O.teamId} = :teamId`, { teamId })
    .getRawOne<{ localityId: number | string | null }>();
  return toNumber(row?.localityId ?? null);
}
