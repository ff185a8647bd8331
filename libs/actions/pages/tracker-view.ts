import type { Page } from '../../common/index.js';
import { pagingLinks, type PagingLinks } from '../../web/index.js';
import {
  ACTION_STATES,
  actionStateName,
  actionStateTag,
  daysBetween,
  STATUS_GROUP_NAMES,
  STATUS_GROUPS,
} from '../action-status.js';
import type { ActionSort, TrackedAction } from '../action-tracker.js';
import type { ActionListQueryDto } from '../action-tracker.dto.js';
import type { TrackerCounts, TrackerOptions, TrackerPage } from '../action-tracker.service.js';

/** The query parameters a tracker page keeps from link to link (filters and sort, not the page). */
export type TrackerParams = Record<string, string | undefined>;

const FILTER_KEYS = [
  'status',
  'state',
  'owner',
  'team',
  'locality',
  'planItem',
  'dueWithin',
  'audit',
  'cycle',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** A page's filters as text, the page's default status filled in. */
export function trackerParams(query: ActionListQueryDto, defaultStatus: string): TrackerParams {
  const params: TrackerParams = {};
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value !== undefined) params[key] = String(value);
  }
  params.status ??= defaultStatus;
  if (query.overdue !== undefined) params.overdue = String(query.overdue);
  if (query.sort) params.sort = query.sort;
  return params;
}

export function hrefOf(path: string, params: TrackerParams): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

interface SelectItem {
  value: string;
  text: string;
  selected: boolean;
}

interface FilterSelect {
  id: FilterKey;
  label: string;
  items: SelectItem[];
}

const DUE_WITHIN_CHOICES: [string, string][] = [
  ['0', 'Today'],
  ['7', 'Within 7 days'],
  ['14', 'Within 14 days'],
  ['30', 'Within 30 days'],
];

/** The filter panel: one select per filter, each offering only what the reader's actions hold. */
export function filterSelects(params: TrackerParams, options: TrackerOptions | null): FilterSelect[] {
  const select = (id: FilterKey, label: string, all: string, choices: [string, string][]): FilterSelect => ({
    id,
    label,
    items: [
      // "Any status" is a choice of its own: the page's default status is not "any".
      id === 'status'
        ? { value: 'all', text: all, selected: params.status === 'all' }
        : { value: '', text: all, selected: params[id] === undefined },
      ...choices.map(([value, text]) => ({ value, text, selected: params[id] === value })),
    ],
  });
  const named = (rows: { id: number; name: string }[]) =>
    rows.map((r): [string, string] => [String(r.id), r.name]);
  const selects = [
    select(
      'status',
      'Show',
      'All actions',
      STATUS_GROUPS.map((g) => [g, STATUS_GROUP_NAMES[g]]),
    ),
    select(
      'state',
      'Status',
      'Any status',
      ACTION_STATES.map((s) => [s, actionStateName(s)]),
    ),
    select('dueWithin', 'Due', 'Any time', DUE_WITHIN_CHOICES),
  ];
  if (!options) return selects;
  const more = [
    select('owner', 'Owner', 'Anyone', named(options.owners)),
    select('team', 'Team', 'All teams', named(options.teams)),
    select('planItem', 'Plan item', 'Any plan item', named(options.planItems)),
  ];
  // A locality to choose only where the reader's actions span more than one.
  if (options.localities.length > 1)
    more.splice(2, 0, select('locality', 'Locality', 'All localities', named(options.localities)));
  return [...selects, ...more];
}

/** The filters in force, each a link that removes it and keeps the rest. */
export function selectedFilters(
  path: string,
  params: TrackerParams,
  selects: FilterSelect[],
  auditCaseRef: string | null,
) {
  const categories = selects
    .filter((s) => params[s.id] !== undefined && params[s.id] !== 'all')
    .map((s) => ({
      heading: { text: s.label },
      items: [
        {
          href: hrefOf(path, { ...params, [s.id]: s.id === 'status' ? 'all' : undefined }),
          text: s.items.find((i) => i.selected && i.value !== '')?.text ?? String(params[s.id]),
        },
      ],
    }));
  for (const [key, label] of [
    ['audit', 'Audit'],
    ['cycle', 'Cycle'],
    ['overdue', 'Overdue'],
  ] as const) {
    if (params[key] === undefined) continue;
    const text =
      key === 'audit' && auditCaseRef
        ? `Case ${auditCaseRef}`
        : key === 'overdue'
          ? params.overdue === 'true'
            ? 'Yes'
            : 'No'
          : `Number ${params[key]}`;
    categories.push({
      heading: { text: label },
      items: [{ href: hrefOf(path, { ...params, [key]: undefined }), text }],
    });
  }
  return categories;
}

/** A row as the table shows it: the state and how late it is, in words and colours. */
export function rowView(action: TrackedAction, today: string) {
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  const left = daysBetween(today, action.dueOn);
  const late = action.overdue
    ? { text: `${days(action.daysOverdue)} overdue`, classes: 'govuk-tag--red' }
    : action.dueSoon
      ? { text: left === 0 ? 'Due today' : `Due in ${days(left)}`, classes: 'govuk-tag--yellow' }
      : null;
  return { ...action, stateTag: actionStateTag(action.state), lateTag: late };
}

/** A sortable column heading: a link that sorts by it, and aria-sort on the column in force. */
function sortHeading(path: string, params: TrackerParams, sort: ActionSort, by: ActionSort, text: string) {
  return {
    text,
    href: hrefOf(path, { ...params, sort: by }),
    ariaSort: sort === by ? 'ascending' : 'none',
    current: sort === by,
  };
}

export interface TrackerView {
  rows: ReturnType<typeof rowView>[];
  counts: TrackerCounts;
  total: number;
  today: string;
  sortHeadings: { overdue: ReturnType<typeof sortHeading>; due: ReturnType<typeof sortHeading> };
  sortText: string;
  /** The other order, as a link above the table (a phone has no column headings to press). */
  otherSort: { text: string; href: string };
  pagination: PagingLinks | null;
  range: string | null;
  csvHref: string;
}

/** Everything the tracker's table shows, from one page of the tracker. */
export function trackerView(
  path: string,
  csvPath: string,
  params: TrackerParams,
  page: TrackerPage,
): TrackerView {
  const sort = page.sort;
  const from = (page.page - 1) * page.pageSize + 1;
  const to = from + page.items.length - 1;
  return {
    rows: page.items.map((item) => rowView(item, page.today)),
    counts: page.counts,
    total: page.total,
    today: page.today,
    sortHeadings: {
      overdue: sortHeading(path, params, sort, 'overdue', 'Days overdue'),
      due: sortHeading(path, params, sort, 'due', 'Due date'),
    },
    sortText: sort === 'overdue' ? 'most days overdue first' : 'earliest due date first',
    otherSort:
      sort === 'overdue'
        ? { text: 'Sort by due date', href: hrefOf(path, { ...params, sort: 'due' }) }
        : { text: 'Sort by days overdue', href: hrefOf(path, { ...params, sort: 'overdue' }) },
    pagination: pagingLinks(page as Page<unknown>, path, params),
    range:
      page.total > page.pageSize && page.items.length > 0
        ? `Showing ${from} to ${to} of ${page.total} actions`
        : null,
    csvHref: hrefOf(csvPath, params),
  };
}
