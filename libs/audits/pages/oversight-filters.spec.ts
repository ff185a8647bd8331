import { filterSelects, selectedFilters } from './oversight-filters.js';

const options = {
  teams: [
    { id: 3, name: 'North CP' },
    { id: 4, name: 'North CLA' },
  ],
  cohorts: [{ code: 'CP', title: 'Child protection' }],
};

describe('the oversight filters', () => {
  it('offers "All" first in each select and selects what the query asked for', () => {
    const selects = filterSelects({ team: 4, grade: 'good' }, options);
    expect(selects.map((s) => s.id)).toEqual(['team', 'cohort', 'state', 'grade']);
    const [team, cohort, state, grade] = selects;
    expect(team.items).toEqual([
      { value: '', text: 'All teams', selected: false },
      { value: '3', text: 'North CP', selected: false },
      { value: '4', text: 'North CLA', selected: true },
    ]);
    expect(cohort.items[0]).toEqual({ value: '', text: 'All cohorts', selected: true });
    expect(cohort.items[1].text).toBe('Child protection (CP)');
    expect(state.items.find((i) => i.value === 'inModeration')?.text).toBe('In moderation');
    expect(grade.items.find((i) => i.selected)).toEqual({ value: 'good', text: 'Good', selected: true });
  });

  it('lists each filter in force with a link that removes only it', () => {
    const filter = { team: 4, state: 'completed', grade: 'good' };
    const categories = selectedFilters('/oversight', filter, filterSelects(filter, options));
    expect(categories).toEqual([
      {
        heading: { text: 'Team' },
        items: [{ href: '/oversight?state=completed&grade=good', text: 'North CLA' }],
      },
      { heading: { text: 'State' }, items: [{ href: '/oversight?team=4&grade=good', text: 'Completed' }] },
      {
        heading: { text: 'Overall grade' },
        items: [{ href: '/oversight?team=4&state=completed', text: 'Good' }],
      },
    ]);
    expect(selectedFilters('/oversight', {}, filterSelects({}, options))).toEqual([]);
  });

  it('names a team outside the reader’s list by its id rather than hiding the filter', () => {
    const filter = { team: 99 };
    expect(selectedFilters('/oversight', filter, filterSelects(filter, options))[0].items[0].text).toBe('99');
  });
});
