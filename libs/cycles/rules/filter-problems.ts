import type { FieldProblem } from '../../common/domain-error.js';
import type { CycleFilter } from '../cycle.entity.js';

/** The cohort codes, team names and locality names that exist. */
export interface KnownScope {
  cohorts: ReadonlySet<string>;
  teams: ReadonlySet<string>;
  localities: ReadonlySet<string>;
}

const WHAT: Record<keyof CycleFilter, string> = {
  cohorts: 'no cohort has the code',
  teams: 'no team is called',
  localities: 'no locality is called',
};

/**
 * What is wrong with a cycle's filter, each problem where it is (`filter.cohorts[0]`). A
 * monthly cycle takes every open case, so any filter on one is refused rather than dropped.
 */
export function filterProblems(
  kind: 'monthly' | 'themed',
  filter: CycleFilter | undefined,
  known: KnownScope,
): FieldProblem[] {
  const lists = (Object.keys(WHAT) as (keyof CycleFilter)[]).filter(
    (key) => (filter?.[key] ?? []).length > 0,
  );
  if (kind === 'monthly') {
    return lists.length === 0
      ? []
      : [
          {
            field: 'filter',
            message: 'a monthly cycle takes every open case: open a themed cycle to filter',
          },
        ];
  }
  return lists.flatMap((key) =>
    filter![key]!.flatMap((value, i) =>
      known[key].has(value) ? [] : [{ field: `filter.${key}[${i}]`, message: `${WHAT[key]} ${value}` }],
    ),
  );
}
