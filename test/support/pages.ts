import type { TestApp } from './test-app.js';

/** Every item of a paged list route, read page by page at the largest page size. */
export async function allPages<T = Record<string, unknown>>(
  t: TestApp,
  path: string,
  auth: string,
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const response = await t
      .http()
      .get(`${path}${separator}page=${page}&pageSize=500`)
      .set('Authorization', auth);
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${response.text}`);
    items.push(...(response.body.items as T[]));
    if (items.length >= response.body.total || response.body.items.length === 0) return items;
  }
}
