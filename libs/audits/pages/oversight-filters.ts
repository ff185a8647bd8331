import { GRADES } from '../../../workflows/audit-tool-definition.js';
import { auditStateName, gradeLabel } from '../../web/index.js';
import { AUDIT_STATES } from '../audits.dto.js';
import type { OversightFilter, OversightOptions } from '../oversight.service.js';
import { hrefWith } from './page-links.js';

export interface SelectItem {
  value: string;
  text: string;
  selected: boolean;
}

export interface FilterSelect {
  id: keyof OversightFilter;
  label: string;
  items: SelectItem[];
}

export interface SelectedFilterCategory {
  heading: { text: string };
  items: { href: string; text: string }[];
}

/** The filter panel: one single-value select per filter, each starting with "All …". */
export function filterSelects(filter: OversightFilter, options: OversightOptions): FilterSelect[] {
  const select = (
    id: keyof OversightFilter,
    label: string,
    all: string,
    choices: [value: string, text: string][],
  ): FilterSelect => ({
    id,
    label,
    items: [
      { value: '', text: all, selected: filter[id] === undefined },
      ...choices.map(([value, text]) => ({ value, text, selected: String(filter[id] ?? '') === value })),
    ],
  });
  return [
    select(
      'team',
      'Team',
      'All teams',
      options.teams.map((t) => [String(t.id), t.name]),
    ),
    select(
      'cohort',
      'Cohort',
      'All cohorts',
      options.cohorts.map((c) => [c.code, `${c.title} (${c.code})`]),
    ),
    select(
      'state',
      'State',
      'All states',
      AUDIT_STATES.map((s) => [s, auditStateName(s)]),
    ),
    select(
      'grade',
      'Overall grade',
      'All grades',
      GRADES.map((g) => [g, gradeLabel(g)]),
    ),
  ];
}

/** The filters in force, each a link that removes it and keeps the others. */
export function selectedFilters(
  path: string,
  filter: OversightFilter,
  selects: FilterSelect[],
): SelectedFilterCategory[] {
  return selects
    .filter((s) => filter[s.id] !== undefined)
    .map((s) => ({
      heading: { text: s.label },
      items: [
        {
          href: hrefWith(path, { ...filter, [s.id]: undefined }),
          text: s.items.find((i) => i.selected)?.text ?? String(filter[s.id]),
        },
      ],
    }));
}
