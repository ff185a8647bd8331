import { auditStateTag, type MyAuditGroup, type StateTag } from '../../audits/index.js';
import type { Page } from '../../common/index.js';
import type { MyAudit } from '../allocations.service.js';

/** One row of an auditor's list, as the API's `my/audits` answers it. */
export type MyAuditRow = Pick<
  MyAudit,
  'auditId' | 'month' | 'deadline' | 'caseRef' | 'team' | 'cohort' | 'state'
>;

export interface MyAuditLine {
  href: string;
  caseRef: string;
  cohort: string;
  team: string;
  month: string;
  deadline: string;
  /** Open work whose deadline has passed (by the Clock's London date). */
  overdue: boolean;
  tag: StateTag;
}

export interface MyAuditSection {
  key: MyAuditGroup;
  heading: string;
  /** What the section holds, in a sentence; shown above the table. */
  hint: string;
  empty: string;
  /** The link to the whole group: "View all 12 {more}". */
  more: string;
  total: number;
  lines: MyAuditLine[];
  /** "View all" when only the first rows are shown. */
  moreHref: string | null;
  /** The deadline column for open work, the cycle's month for done. */
  dateColumn: 'deadline' | 'month';
}

interface GroupWords {
  heading: string;
  /** The page's title when the group is shown whole. */
  title: string;
  hint: string;
  empty: string;
  more: string;
}

const WORDS: Record<MyAuditGroup, GroupWords> = {
  toStart: {
    heading: 'Due: not started',
    title: 'My audits due and not started',
    hint: 'Audits allocated to you that you have not started, the soonest deadline first. Submit each by its deadline.',
    empty: 'You have no audits due that you have not started.',
    more: 'audits not started',
  },
  drafts: {
    heading: 'Drafts',
    title: 'My draft audits',
    hint: 'Audits you have started and not yet finished grading, the soonest deadline first.',
    empty: 'You have no draft audits.',
    more: 'draft audits',
  },
  awaitingDiscussion: {
    heading: 'Waiting for the discussion',
    title: 'My audits waiting for the discussion',
    hint: 'Graded audits to discuss with the social worker before you submit them.',
    empty: 'No audits are waiting for a discussion with the social worker.',
    more: 'audits waiting for the discussion',
  },
  inModeration: {
    heading: 'In moderation',
    title: 'My audits in moderation',
    hint: 'Submitted audits a moderator is checking.',
    empty: 'None of your audits are in moderation.',
    more: 'audits in moderation',
  },
  done: {
    heading: 'Done',
    title: 'My audits done',
    hint: 'Audits whose grades stand: completed or closed.',
    empty: 'You have not completed any audits yet.',
    more: 'audits done',
  },
};

/** Groups of work still to do: a deadline that has passed makes them overdue. */
const OPEN_GROUPS: ReadonlySet<MyAuditGroup> = new Set(['toStart', 'drafts', 'awaitingDiscussion']);

/** `today` is the Clock's London date (YYYY-MM-DD); the deadline is the last day allowed. */
export function auditLine(row: MyAuditRow, today: string, open = true): MyAuditLine {
  return {
    href: `/audits/${row.auditId}`,
    caseRef: row.caseRef,
    cohort: row.cohort,
    team: row.team,
    month: row.month,
    deadline: row.deadline,
    overdue: open && row.deadline < today,
    tag: auditStateTag(row.state),
  };
}

/** A group's section: its words, its first rows and, when there are more, where to see them all. */
export function mySection(
  key: MyAuditGroup,
  page: Page<MyAuditRow>,
  paged: boolean,
  today: string,
): MyAuditSection {
  const more = !paged && page.total > page.items.length;
  const { heading, hint, empty, more: moreWords } = WORDS[key];
  return {
    key,
    heading,
    hint,
    empty,
    more: moreWords,
    total: page.total,
    lines: page.items.map((row) => auditLine(row, today, OPEN_GROUPS.has(key))),
    moreHref: more ? `/audits?group=${key}` : null,
    dateColumn: key === 'done' ? 'month' : 'deadline',
  };
}

export interface PaginationView {
  previous?: { href: string };
  next?: { href: string };
  items: { number: number; href: string; current: boolean }[];
}

/** GOV.UK pagination for one group's pages; null when it fits on one. */
export function pagination(group: MyAuditGroup, page: Page<unknown>): PaginationView | null {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  if (pages === 1) return null;
  const href = (n: number) => `/audits?group=${group}&page=${n}`;
  const numbers = [...new Set([1, page.page - 1, page.page, page.page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return {
    previous: page.page > 1 ? { href: href(page.page - 1) } : undefined,
    next: page.page < pages ? { href: href(page.page + 1) } : undefined,
    items: numbers.map((n) => ({ number: n, href: href(n), current: n === page.page })),
  };
}

export function groupTitle(key: MyAuditGroup): string {
  return WORDS[key].title;
}
