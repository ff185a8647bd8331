import type { AuthenticatedUser } from '../auth/index.js';
import { AUDITOR_ROLES, Role, TIER3_ROLES } from '../org/index.js';

export interface NavigationItem {
  href: string;
  text: string;
  current?: boolean;
  active?: boolean;
}

/** An item, and the other sections it stands for (Users stands for teams and localities too). */
interface Entry {
  href: string;
  text: string;
  also?: string[];
}

const AUDITING = new Set<Role>([...AUDITOR_ROLES, ...TIER3_ROLES]);
/** Who follows audits' actions to closure (issue 13): the tracker, in the access rule's scope. */
const ACTION_TRACKERS = new Set<Role>([
  Role.TeamManager,
  Role.AdvancedPractitioner,
  Role.HeadOfService,
  Role.Director,
  Role.Administrator,
]);
/** Who is given actions to carry out: the case's social worker, then its team manager. */
const ACTION_OWNERS = new Set<Role>([Role.SocialWorker, Role.TeamManager]);

// Short labels: six long ones wrapped below the service name. Escalations are reached from the
// administrator's overview, not the bar.
const ADMIN: Entry[] = [
  { href: '/admin', text: 'Overview' },
  { href: '/admin/register', text: 'Register' },
  { href: '/admin/cycles', text: 'Cycles' },
  { href: '/admin/users', text: 'Users and teams', also: ['/admin/teams'] },
  { href: '/admin/audit-tools', text: 'Audit tools' },
  { href: '/admin/plan', text: 'Plan' },
];

function entriesFor(role: Role): Entry[] {
  const entries: Entry[] = [];
  // An advanced practitioner's job is tracking actions to closure: the tracker is their start page.
  if (role === Role.AdvancedPractitioner) entries.push({ href: '/actions', text: 'Actions' });
  // An unsafe child comes before everything: a head of service and the director start on the
  // escalations waiting for them, with their count beside the item.
  if (role === Role.HeadOfService || role === Role.Director) {
    entries.push({ href: '/escalations', text: 'Escalations' });
  }
  if (AUDITING.has(role)) entries.push({ href: '/audits', text: 'My audits' });
  // Once submitted, a team manager reads their own team's audits (the access rule's case-team grant).
  if (role === Role.TeamManager) entries.push({ href: '/team-audits', text: 'Team audits' });
  if (role === Role.Moderator) entries.push({ href: '/moderation', text: 'Moderation' });
  if (role === Role.HeadOfService || role === Role.Director) {
    entries.push({ href: '/oversight', text: 'Audits' });
  }
  if (role === Role.SocialWorker) entries.push({ href: '/case-audits', text: 'My cases’ audits' });
  if (role === Role.Administrator) entries.push(...ADMIN);
  if (ACTION_TRACKERS.has(role) && role !== Role.AdvancedPractitioner) {
    entries.push({ href: '/actions', text: 'Actions' });
  }
  if (ACTION_OWNERS.has(role)) entries.push({ href: '/my-actions', text: 'My actions' });
  return entries;
}

/** Work waiting behind a navigation item, by its href: `{ '/escalations': 2 }` reads "Escalations (2)". */
export type NavigationCounts = Record<string, number>;

/** Puts the counts where the layout's navigation reads them, for the page being rendered. */
export function showNavigationCounts(
  response: { locals: Record<string, unknown> },
  counts: NavigationCounts,
): void {
  // Several features count (escalations, notifications): each adds its own.
  response.locals.navigationCounts = {
    ...(response.locals.navigationCounts as NavigationCounts | undefined),
    ...counts,
  };
}

/** The service navigation a role sees, in the order of its working day; the first is its start page. */
export function navigationFor(
  user: AuthenticatedUser | undefined,
  currentPath = '',
  counts: NavigationCounts = {},
): NavigationItem[] {
  // Until they choose a password, the only page a person may see is that one.
  if (!user || user.mustChangePassword) return [];
  const entries = entriesFor(user.role);
  const best = bestMatch(entries, currentPath);
  return entries.map(({ href, text: label }) => {
    const waiting = counts[href] ?? 0;
    const text = waiting > 0 ? `${label} (${waiting})` : label;
    if (href !== best?.entry.href) return { href, text };
    return best.exact ? { href, text, current: true } : { href, text, active: true };
  });
}

/**
 * The longest matching section is the current one (/admin/users is Users, not Overview); the item
 * is current only on its own address, active on a page below it or in a section it stands for.
 */
function bestMatch(entries: Entry[], path: string): { entry: Entry; exact: boolean } | undefined {
  const within = (href: string) => path === href || path.startsWith(`${href}/`);
  let best: { entry: Entry; length: number } | undefined;
  for (const entry of entries) {
    for (const href of [entry.href, ...(entry.also ?? [])]) {
      if (within(href) && href.length > (best?.length ?? -1)) best = { entry, length: href.length };
    }
  }
  return best && { entry: best.entry, exact: path === best.entry.href };
}

export function startPageFor(user: AuthenticatedUser): string {
  if (user.mustChangePassword) return '/account/password';
  return navigationFor(user)[0]?.href ?? '/login';
}
