import { DomainError, ErrorCode, type Page } from '../common/index.js';
import { Role } from '../org/index.js';

/** A posted form field as text ('' when absent or repeated). */
export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export const ROLE_LABELS: Record<Role, string> = {
  [Role.Administrator]: 'Administrator',
  [Role.Director]: 'Director',
  [Role.HeadOfService]: 'Head of service',
  [Role.SeniorManager]: 'Senior manager',
  [Role.TeamManager]: 'Team manager',
  [Role.AdvancedPractitioner]: 'Advanced practitioner',
  [Role.Iro]: 'Independent reviewing officer',
  [Role.Moderator]: 'Moderator',
  [Role.SocialWorker]: 'Social worker',
};

export interface SelectItem {
  value: string;
  text: string;
  selected?: boolean;
}

/** Options for a GOV.UK select, the first one blank ("Choose…" or "Any"). */
export function selectItems(
  options: { value: string; text: string }[],
  selected: string | undefined,
  blank: string,
): SelectItem[] {
  return [{ value: '', text: blank }, ...options].map((o) => ({
    ...o,
    selected: o.value === (selected ?? ''),
  }));
}

export const roleOptions = () =>
  Object.values(Role).map((role) => ({ value: role, text: ROLE_LABELS[role] }));

/** GOV.UK pagination for a page of results: the links keep the list's filters. */
export function pagination(page: Page<unknown>, base: string, query: Record<string, string | undefined>) {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  if (pages <= 1) return null;
  const href = (n: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    if (n > 1) params.set('page', String(n));
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  };
  const near = [...new Set([1, page.page - 1, page.page, page.page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  near.forEach((n, i) => {
    if (i > 0 && n - near[i - 1] > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page.page });
  });
  return {
    items,
    previous: page.page > 1 ? { href: href(page.page - 1) } : undefined,
    next: page.page < pages ? { href: href(page.page + 1) } : undefined,
  };
}

/** A refused form's status: 409 for a conflict (a taken name, acting on oneself), else 422. */
export function statusOf(error: unknown): number {
  const conflicts = [ErrorCode.Conflict, ErrorCode.IllegalTransition, ErrorCode.StaleUpdate];
  return error instanceof DomainError && conflicts.includes(error.code) ? 409 : 422;
}
