import type { Page } from '../common/index.js';

/** What the GOV.UK pagination macro takes. */
export interface PagingLinks {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current?: boolean } | { ellipsis: true })[];
}

/**
 * Pagination for a paged list: the first, the last and the pages either side of this one, with
 * the page's other query parameters kept (`params` without `page`). Null when there is one page.
 */
export function pagingLinks(
  page: Pick<Page<unknown>, 'page' | 'pageSize' | 'total'>,
  path: string,
  params: Record<string, string | undefined> = {},
): PagingLinks | null {
  const last = Math.max(1, Math.ceil(page.total / page.pageSize));
  if (last === 1 && page.page === 1) return null;
  const href = (n: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    if (n > 1) query.set('page', String(n));
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  };
  const shown = [...new Set([1, page.page - 1, page.page, page.page + 1, last])]
    .filter((n) => n >= 1 && n <= last)
    .sort((a, b) => a - b);
  const items: PagingLinks['items'] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1] > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), ...(n === page.page ? { current: true } : {}) });
  });
  return {
    ...(page.page > 1 ? { previous: { href: href(page.page - 1) } } : {}),
    ...(page.page < last ? { next: { href: href(page.page + 1) } } : {}),
    items,
  };
}
