import { hrefWith, paginationFor, rangeText } from './page-links.js';

const page = (n: number, total: number, pageSize = 10) => ({
  items: Array.from({ length: Math.max(0, Math.min(pageSize, total - (n - 1) * pageSize)) }, () => ({})),
  page: n,
  pageSize,
  total,
});

describe('page links', () => {
  it('keeps only the filters that are set, in order', () => {
    expect(hrefWith('/oversight', { team: 3, cohort: '', state: undefined, grade: 'good' })).toBe(
      '/oversight?team=3&grade=good',
    );
    expect(hrefWith('/oversight', {})).toBe('/oversight');
  });

  it('gives no pagination when one page holds everything', () => {
    expect(paginationFor('/x', {}, page(1, 10))).toBeNull();
    expect(paginationFor('/x', {}, page(1, 0))).toBeNull();
  });

  it('links the first, last and neighbouring pages with ellipses, keeping the filters', () => {
    const view = paginationFor('/x', { state: 'completed' }, page(5, 100))!;
    expect(view.previous).toEqual({ href: '/x?state=completed&page=4' });
    expect(view.next).toEqual({ href: '/x?state=completed&page=6' });
    expect(view.items.map((i) => ('number' in i ? i.number : '…'))).toEqual([1, '…', 4, 5, 6, '…', 10]);
    expect(view.items[0]).toEqual({ number: 1, href: '/x?state=completed', current: false });
    expect(view.items.find((i) => 'current' in i && i.current)).toMatchObject({ number: 5 });
  });

  it('has no previous link on the first page and no next link on the last', () => {
    expect(paginationFor('/x', {}, page(1, 30))!.previous).toBeUndefined();
    expect(paginationFor('/x', {}, page(3, 30))!.next).toBeUndefined();
  });

  it.each([
    [page(1, 0), null],
    [page(1, 7), 'Showing 1 to 7 of 7 audits'],
    [page(2, 25), 'Showing 11 to 20 of 25 audits'],
    [page(3, 25), 'Showing 21 to 25 of 25 audits'],
    [page(9, 25), 'There are no more audits after the first 25'],
  ])('says which rows a page shows (%#)', (p, text) => {
    expect(rangeText(p, 'audits')).toBe(text);
  });
});
