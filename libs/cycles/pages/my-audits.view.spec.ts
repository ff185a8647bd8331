import { auditLine, mySection, pagination } from './my-audits.view.js';

const row = (n: number, state = 'allocated') => ({
  auditId: n,
  month: '2026-12',
  deadline: '2026-12-31',
  caseRef: `CASE-${n}`,
  team: 'Team A',
  cohort: 'CP',
  state,
});
const page = (total: number, count: number, pageNo = 1, pageSize = 10) => ({
  items: Array.from({ length: count }, (_, i) => row(i + 1)),
  page: pageNo,
  pageSize,
  total,
});

describe('my audits view', () => {
  it('links each line to its audit and names its state in words', () => {
    expect(auditLine(row(7, 'inProgress'))).toMatchObject({
      href: '/audits/7',
      caseRef: 'CASE-7',
      tag: { text: 'Draft' },
    });
  });

  it('offers “view all” only when the first rows are not the whole group', () => {
    expect(mySection('toStart', page(3, 3), false).moreHref).toBeNull();
    expect(mySection('done', page(30, 10), false).moreHref).toBe('/audits?group=done');
    expect(mySection('done', page(30, 10), true).moreHref).toBeNull();
  });

  it('shows the deadline for open work and the month for done', () => {
    expect(mySection('drafts', page(1, 1), false).dateColumn).toBe('deadline');
    expect(mySection('done', page(1, 1), false).dateColumn).toBe('month');
  });

  it('says an empty group in words', () => {
    expect(mySection('inModeration', page(0, 0), false)).toMatchObject({
      total: 0,
      lines: [],
      empty: 'None of your audits are in moderation.',
    });
  });

  it.each([
    [10, 1, null],
    [11, 1, { prev: false, next: true, numbers: [1, 2] }],
    [95, 5, { prev: true, next: true, numbers: [1, 4, 5, 6, 10] }],
    [95, 10, { prev: true, next: false, numbers: [1, 9, 10] }],
  ])('paginates %i rows at page %i', (total, at, expected) => {
    const view = pagination('done', page(total, 0, at));
    if (expected === null) return expect(view).toBeNull();
    expect({
      prev: Boolean(view?.previous),
      next: Boolean(view?.next),
      numbers: view?.items.map((i) => i.number),
    }).toEqual(expected);
    expect(view?.items.find((i) => i.current)?.href).toBe(`/audits?group=done&page=${at}`);
  });
});
