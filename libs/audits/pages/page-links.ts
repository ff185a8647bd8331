import type { Page } from '../../common/index.js';

/** The GOV.UK pagination component's parameters. */
export interface PaginationView {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
}

type QueryValues = Record<string, string | number | undefined>;

/** A page's address with its filters kept: only the values set, each once, in a fixed order. */
export function hrefWith(path: string, query: QueryValues): string {
  const pairs = Object.entries(query).filter(
    (pair): pair is [string, string | number] => pair[1] !== undefined && pair[1] !== '',
  );
  if (pairs.length === 0) return path;
  return `${path}?${new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
}

/**
 * Links to the other pages of a list: the first, the last, and the pages either side of this
 * one, with ellipses between. None when everything fits on one page.
 */
export function paginationFor(path: string, query: QueryValues, page: Page<unknown>): PaginationView | null {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  if (pages <= 1) return null;
  const href = (n: number) => hrefWith(path, { ...query, page: n === 1 ? undefined : n });
  const shown = [...new Set([1, page.page - 1, page.page, page.page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const items: PaginationView['items'] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1] > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page.page });
  });
  return {
    previous: page.page > 1 ? { href: href(page.page - 1) } : undefined,
    next: page.page < pages ? { href: href(page.page + 1) } : undefined,
    items,
  };
}

/** "Showing 51 to 100 of 230 audits", or null on an empty list. */
export function rangeText(page: Page<unknown>, noun: string): string | null {
  if (page.total === 0) return null;
  const from = (page.page - 1) * page.pageSize + 1;
  const to = Math.min(page.total, from + page.items.length - 1);
  if (page.items.length === 0) return `There are no more ${noun} after the first ${page.total}`;
  return `Showing ${from} to ${to} of ${page.total} ${noun}`;
}
