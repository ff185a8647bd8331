import { auditLine, mySection, pagination } from './my-audits.view.js';

const TODAY = '2026-12-15';
const row = (n: number, state = 'allocated', deadline = '2026-12-31') => ({
  auditId: n,
  month: '2026-12',
  deadline,
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
    expect(auditLine(row(7, 'inProgress'), TODAY)).toMatchObject({
      href: '/audits/7',
      caseRef: 'CASE-7',
      tag: { text: 'Draft' },
    });
  });

  it('offers “view all” only when the first rows are not the whole group', () => {
    expect(mySection('toStart', page(3, 3), false, TODAY).moreHref).toBeNull();
    expect(mySection('done', page(30, 10), false, TODAY).moreHref).toBe('/audits?group=done');
    expect(mySection('done', page(30, 10), true, TODAY).moreHref).toBeNull();
  });

  it('shows the deadline for open work and the month for done', () => {
    expect(mySection('drafts', page(1, 1), false, TODAY).dateColumn).toBe('deadline');
    expect(mySection('done', page(1, 1), false, TODAY).dateColumn).toBe('month');
  });

  it.each([
    ['2026-12-14', true],
    ['2026-12-15', false],
    ['2026-12-31', false],
  ])('marks open work due on %s overdue: %s (today is 15 December)', (deadline, overdue) => {
    expect(auditLine(row(1, 'allocated', deadline), TODAY).overdue).toBe(overdue);
  });

  it('never marks work that is done overdue', () => {
    const late = { ...page(1, 0), items: [row(1, 'completed', '2026-11-30')] };
    expect(mySection('done', late, false, TODAY).lines[0].overdue).toBe(false);
    expect(mySection('drafts', late, false, TODAY).lines[0].overdue).toBe(true);
  });

  it('names the first group as what is due', () => {
    expect(mySection('toStart', page(0, 0), false, TODAY).heading).toBe('Due: not started');
  });

  it('says an empty group in words', () => {
    expect(mySection('inModeration', page(0, 0), false, TODAY)).toMatchObject({
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
