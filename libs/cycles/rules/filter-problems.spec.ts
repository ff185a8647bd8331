import type { CycleFilter } from '../cycle.entity.js';
import { filterProblems, type KnownScope } from './filter-problems.js';

const known: KnownScope = {
  cohorts: new Set(['CP', 'CLA']),
  teams: new Set(['North CP']),
  localities: new Set(['North']),
};

describe('filterProblems', () => {
  it.each<['monthly' | 'themed', CycleFilter | undefined]>([
    ['monthly', undefined],
    ['monthly', {}],
    ['monthly', { cohorts: [], teams: [] }],
    ['themed', { cohorts: ['CP', 'CLA'], teams: ['North CP'], localities: ['North'] }],
  ])('accepts a %s cycle filtered by %j', (kind, filter) => {
    expect(filterProblems(kind, filter, known)).toEqual([]);
  });

  it('refuses any filter on a monthly cycle, naming the filter', () => {
    expect(filterProblems('monthly', { localities: ['North'] }, known).map((p) => p.field)).toEqual([
      'filter',
    ]);
  });

  it('names each unknown value where it is', () => {
    const problems = filterProblems(
      'themed',
      { cohorts: ['CP', 'NOPE'], teams: ['north cp'], localities: ['North', 'Atlantis'] },
      known,
    );
    expect(problems).toEqual([
      { field: 'filter.cohorts[1]', message: 'no cohort has the code NOPE' },
      { field: 'filter.teams[0]', message: 'no team is called north cp' },
      { field: 'filter.localities[1]', message: 'no locality is called Atlantis' },
    ]);
  });
});
