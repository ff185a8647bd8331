import type { TrackedAction } from '../action-tracker.js';
import { filterSelects, hrefOf, rowView, selectedFilters, trackerParams } from './tracker-view.js';

const action = (state: string, dueOn: string, daysOverdue: number, dueSoon = false): TrackedAction =>
  ({ id: 1, state, dueOn, daysOverdue, overdue: daysOverdue > 0, dueSoon }) as TrackedAction;

describe('the tracker page’s words', () => {
  it.each([
    [action('open', '2026-11-20', 25), { text: '25 days overdue', classes: 'govuk-tag--red' }],
    [action('inProgress', '2026-12-14', 1), { text: '1 day overdue', classes: 'govuk-tag--red' }],
    [action('open', '2026-12-15', 0, true), { text: 'Due today', classes: 'govuk-tag--yellow' }],
    [action('open', '2026-12-16', 0, true), { text: 'Due in 1 day', classes: 'govuk-tag--yellow' }],
    [action('open', '2026-12-20', 0, true), { text: 'Due in 5 days', classes: 'govuk-tag--yellow' }],
    [action('done', '2026-11-20', 0), null],
  ])('tags %j as %j', (row, tag) => {
    expect(rowView(row, '2026-12-15').lateTag).toEqual(tag);
  });

  it('names each state as a manager would', () => {
    expect(
      ['open', 'inProgress', 'done', 'closed', 'cancelled'].map(
        (s) => rowView(action(s, '2027-01-01', 0), '2026-12-15').stateTag.text,
      ),
    ).toEqual(['Not started', 'In progress', 'Awaiting verification', 'Closed', 'Cancelled']);
  });

  it('opens on the open actions, and each selected filter is a link that removes only itself', () => {
    const params = trackerParams({ team: 4, sort: 'due' }, 'open');
    expect(params).toEqual({ team: '4', status: 'open', sort: 'due' });
    const selects = filterSelects(params, {
      owners: [],
      teams: [{ id: 4, name: 'North A' }],
      localities: [{ id: 1, name: 'North' }],
      planItems: [],
    });
    // One locality: nothing to choose, so no locality filter.
    expect(selects.map((s) => s.id)).toEqual(['status', 'state', 'dueWithin', 'owner', 'team', 'planItem']);
    const chips = selectedFilters('/actions', params, selects, null);
    expect(chips).toEqual([
      {
        heading: { text: 'Show' },
        items: [{ href: '/actions?team=4&status=all&sort=due', text: 'Open (not yet closed)' }],
      },
      { heading: { text: 'Team' }, items: [{ href: '/actions?status=open&sort=due', text: 'North A' }] },
    ]);
    expect(hrefOf('/actions', { status: 'overdue', team: undefined })).toBe('/actions?status=overdue');
  });
});
