import { actorInWords, timeline } from './audit-page.view.js';

describe('actorInWords', () => {
  it.each([
    ['ap.one (advanced_practitioner)', 'ap.one (advanced practitioner)'],
    ['hos.north (head_of_service)', 'hos.north (head of service)'],
    ['factory (test)', 'factory (test)'],
    ['cli', 'cli'],
    ['odd (name) here', 'odd (name) here'],
  ])('writes %j as %j', (label, words) => {
    expect(actorInWords(label)).toBe(words);
  });
});

describe('timeline', () => {
  const row = (event: string, detail: Record<string, unknown> | null) => ({
    event,
    fromState: 'allocated',
    toState: 'allocated',
    actorLabel: 'admin (administrator)',
    at: '2026-12-01T10:00:00.000Z',
    detail,
  });

  it('shows a reallocation as one, with the reason typed for it', () => {
    const [item] = timeline([
      row('ALLOCATE', { fromAuditorId: 3, toAuditorId: 4, reason: 'On leave' }),
    ] as never);
    expect(item).toMatchObject({ title: 'Given to another auditor', reason: 'On leave' });
  });

  it('shows the first allocation and other events without a reason', () => {
    const items = timeline([row('ALLOCATE', null), row('START', null)] as never);
    expect(items.map((i) => [i.title, i.reason])).toEqual([
      ['Audit started', null],
      ['Allocated to an auditor', null],
    ]);
  });
});
