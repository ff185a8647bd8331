import type { EntityManager } from 'typeorm';
import { REGISTER_SQL as R } from '../cases/index.js';
import { ORG_SQL as O, Role } from '../org/index.js';
import { placeholder, toNumber } from '../persistence/index.js';

/** A person an auditor may choose to own an action. */
export interface OwnerChoice {
  id: number;
  name: string;
  /** Why they are offered: the case's social worker, its team manager, or the team. */
  relation: 'social worker' | 'team manager' | 'team';
}

/**
 * Who the grading form offers as an action's owner: the case's social worker first, then the
 * team's managers, then the rest of the case's team, active users only, each group by name.
 */
export async function actionOwnerChoices(
  m: EntityManager,
  audit: { caseId: number; teamId: number },
): Promise<OwnerChoice[]> {
  const [worker] = (await m.query(
    `SELECT wu.${O.userId} AS "id" FROM ${R.cases} c
     JOIN ${O.users} wu ON wu.${O.userWorkerKey} = c.${R.workerKey}
     WHERE c.${R.id} = ${placeholder(m, 1)}`,
    [audit.caseId],
  )) as { id: number | string }[];
  const workerId = toNumber(worker?.id ?? null) ?? -1;
  const rows = await m
    .createQueryBuilder()
    .select(`u.${O.userId}`, 'id')
    .addSelect(`u.${O.userDisplayName}`, 'name')
    .addSelect(`u.${O.userRole}`, 'role')
    .from(O.users, 'u')
    .where(`u.${O.userActive} = :active`, { active: true })
    .andWhere(`(u.${O.userTeamId} = :teamId OR u.${O.userId} = :workerId)`, {
      teamId: audit.teamId,
      workerId,
    })
    .getRawMany<{ id: number | string; name: string; role: string }>();
  const relationOf = (row: { id: number; role: string }): OwnerChoice['relation'] =>
    row.id === workerId ? 'social worker' : row.role === Role.TeamManager ? 'team manager' : 'team';
  const order: OwnerChoice['relation'][] = ['social worker', 'team manager', 'team'];
  return rows
    .map((row) => ({ id: Number(row.id), name: row.name, role: row.role }))
    .map((row) => ({ id: row.id, name: row.name, relation: relationOf(row) }))
    .sort(
      (a, b) =>
        order.indexOf(a.relation) - order.indexOf(b.relation) || a.name.localeCompare(b.name) || a.id - b.id,
    );
}

/** Each proposed action with its owner's name (a user's), beside any free text an older draft kept. */
export async function withOwnerNames<A extends { ownerId?: number }>(
  m: EntityManager,
  actions: readonly A[],
): Promise<(A & { ownerName: string | null })[]> {
  const ids = [
    ...new Set(actions.map((a) => a.ownerId).filter((id): id is number => typeof id === 'number')),
  ];
  const rows = ids.length
    ? await m
        .createQueryBuilder()
        .select(`u.${O.userId}`, 'id')
        .addSelect(`u.${O.userDisplayName}`, 'name')
        .from(O.users, 'u')
        .where(`u.${O.userId} IN (:...ids)`, { ids })
        .getRawMany<{ id: number | string; name: string }>()
    : [];
  const names = new Map(rows.map((r) => [Number(r.id), r.name]));
  return actions.map((a) => ({ ...a, ownerName: a.ownerId == null ? null : (names.get(a.ownerId) ?? null) }));
}
