import type { AuthenticatedUser } from '../auth/index.js';
import { AUDITOR_ROLES, Role, TIER3_ROLES } from '../org/index.js';

export interface NavigationItem {
  href: string;
  text: string;
  current?: boolean;
  active?: boolean;
}

const AUDITING = new Set<Role>([...AUDITOR_ROLES, ...TIER3_ROLES]);

/** The service navigation a role sees, in the order of its working day; the first is its start page. */
export function navigationFor(user: AuthenticatedUser | undefined, currentPath = ''): NavigationItem[] {
  if (!user) return [];
  const items: NavigationItem[] = [];
  if (AUDITING.has(user.role)) items.push({ href: '/audits', text: 'My audits' });
  if (user.role === Role.Moderator) items.push({ href: '/moderation', text: 'Moderation' });
  if (user.role === Role.HeadOfService || user.role === Role.Director) {
    items.push({ href: '/escalations', text: 'Escalations' }, { href: '/oversight', text: 'Audits' });
  }
  if (user.role === Role.SocialWorker) items.push({ href: '/case-audits', text: 'My cases’ audits' });
  if (user.role === Role.Administrator) {
    items.push(
      { href: '/admin', text: 'Overview' },
      { href: '/admin/register', text: 'Case register' },
      { href: '/admin/cycles', text: 'Cycles' },
      { href: '/admin/users', text: 'Users and teams' },
      { href: '/admin/audit-tools', text: 'Audit tools' },
      { href: '/escalations', text: 'Escalations' },
    );
  }
  return items.map((item) => markCurrent(item, currentPath, items));
}

/** The longest matching item is the current one: /admin/users is Users, not Overview. */
function markCurrent(item: NavigationItem, path: string, all: NavigationItem[]): NavigationItem {
  const matches = (href: string) => path === href || path.startsWith(`${href}/`);
  const best = all.filter((i) => matches(i.href)).sort((a, b) => b.href.length - a.href.length)[0];
  if (best !== item) return item;
  return path === item.href ? { ...item, current: true } : { ...item, active: true };
}

export function startPageFor(user: AuthenticatedUser): string {
  return navigationFor(user)[0]?.href ?? '/login';
}
