import { pagingLinks } from './paging-links.js';

/** The items as text: "1*" is the current page, "…" an ellipsis. */
const shown = (links: ReturnType<typeof pagingLinks>) =>
  links?.items.map((i) => ('ellipsis' in i ? '…' : `${i.number}${i.current ? '*' : ''}`)).join(' ');

describe('pagingLinks', () => {
  it.each([[{ page: 1, pageSize: 25, total: 0 }], [{ page: 1, pageSize: 25, total: 25 }]])(
    'gives no links for one page: %j',
    (page) => {
      expect(pagingLinks(page, '/admin/users')).toBeNull();
    },
  );

  it.each([
    [1, 26, '1* 2'],
    [1, 250, '1* 2 … 10'],
    [2, 250, '1 2* 3 … 10'],
    [3, 250, '1 2 3* 4 … 10'],
    [5, 250, '1 … 4 5* 6 … 10'],
    [9, 250, '1 … 8 9* 10'],
    [10, 250, '1 … 9 10*'],
    [3, 75, '1 2 3*'],
  ])('on page %i of %i rows (25 a page) shows %s', (page, total, expected) => {
    expect(shown(pagingLinks({ page, pageSize: 25, total }, '/x'))).toBe(expected);
  });

  it.each([
    [1, undefined, '/x?page=2'],
    [2, '/x', '/x?page=3'],
    [3, '/x?page=2', undefined],
  ])('on page %i links back to %s and on to %s', (page, previous, next) => {
    const links = pagingLinks({ page, pageSize: 10, total: 30 }, '/x')!;
    expect(links.previous?.href).toBe(previous);
    expect(links.next?.href).toBe(next);
  });

  it('keeps the list’s filters in every link, leaves out blank ones, and page 1 has no page parameter', () => {
    const links = pagingLinks({ page: 2, pageSize: 10, total: 30 }, '/admin/users', {
      role: 'team_manager',
      q: 'sam lee',
      team: undefined,
      status: '',
    })!;
    expect(links.previous?.href).toBe('/admin/users?role=team_manager&q=sam+lee');
    expect(links.next?.href).toBe('/admin/users?role=team_manager&q=sam+lee&page=3');
  });

  it('still links back from a page past the end, so a stale address is not a dead end', () => {
    const links = pagingLinks({ page: 5, pageSize: 10, total: 0 }, '/x')!;
    expect(links.previous?.href).toBe('/x?page=4');
    expect(links.next).toBeUndefined();
  });
});
