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
  tag: StateTag;
}

export interface MyAuditSection {
  key: MyAuditGroup;
  heading: string;
  /** What the section holds, in a sentence; shown above the table. */
  hint: string;
  empty: string;
  total: number;
  lines: MyAuditLine[];
  /** "View all" when only the first rows are shown. */
  moreHref: string | null;
  /** The deadline column for open work, the cycle's month for done. */
  dateColumn: 'deadline' | 'month';
}

const WORDS: Record<MyAuditGroup, { heading: string; hint: string; empty: string }> = {
  toStart: {
    heading: 'To start',
    hint: 'Audits allocated to you that you have not started. Finish each by its cycle’s deadline.',
    empty: 'You have no audits to start.',
  },
  drafts: {
    heading: 'Drafts',
    hint: 'Audits you have started and not yet finished grading.',
    empty: 'You have no draft audits.',
  },
  awaitingDiscussion: {
    heading: 'Waiting for the discussion',
    hint: 'Graded audits to discuss with the social worker before you submit them.',
    empty: 'No audits are waiting for a discussion with the social worker.',
  },
  inModeration: {
    heading: 'In moderation',
    hint: 'Submitted audits a moderator is checking.',
    empty: 'None of your audits are in moderation.',
  },
  done: {
    heading: 'Done',
    hint: 'Audits whose grades stand: completed or closed.',
    empty: 'You have not completed any audits yet.',
  },
};

export function auditLine(row: MyAuditRow): MyAuditLine {
  return {
    href: `/audits/${row.auditId}`,
    caseRef: row.caseRef,
    cohort: row.cohort,
    team: row.team,
    month: row.month,
    deadline: row.deadline,
    tag: auditStateTag(row.state),
  };
}

/** A group's section: its words, its first rows and, when there are more, where to see them all. */
export function mySection(key: MyAuditGroup, page: Page<MyAuditRow>, paged: boolean): MyAuditSection {
  const more = !paged && page.total > page.items.length;
  return {
    key,
    ...WORDS[key],
    total: page.total,
    lines: page.items.map(auditLine),
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

export function groupHeading(key: MyAuditGroup): string {
  return WORDS[key].heading;
}
