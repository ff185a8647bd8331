import { DomainError, ErrorCode } from '../../common/index.js';
import {
  type FieldMap,
  fieldError,
  type FormErrors,
  formErrorsFrom,
  mergeFormErrors,
} from '../../web/index.js';
import type { CycleFilter } from '../cycle.entity.js';
import type { ResolvedCycleRequest } from '../cycle-draw.js';

/** The new-cycle form as text, exactly as typed: what the form shows again. */
export interface NewCycleValues {
  month: string;
  kind: string;
  title: string;
  ratePercent: string;
  count: string;
  seed: string;
  excludeMonths: string;
  tier3Count: string;
  moderationPercent: string;
  /** A published tool's id, or '' for the standard tool. */
  auditToolId: string;
  asOf: DateParts;
  deadline: DateParts;
  filter: Required<CycleFilter>;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

const FILTER_PREFIX = { cohorts: 'cohort-', teams: 'team-', localities: 'locality-' } as const;
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const dateParts = (form: Record<string, unknown>, name: string): DateParts => ({
  day: text(form[`${name}-day`]),
  month: text(form[`${name}-month`]),
  year: text(form[`${name}-year`]),
});

/** The form's fields from a query string (checkboxes are `cohort-1=CP`, one name each). */
export function valuesOf(
  form: Record<string, unknown>,
  defaults: { month: string; tier3Count: number },
): NewCycleValues {
  const filter = { cohorts: [], teams: [], localities: [] } as Required<CycleFilter>;
  for (const [key, value] of Object.entries(form)) {
    for (const [list, prefix] of Object.entries(FILTER_PREFIX)) {
      if (key.startsWith(prefix) && text(value)) filter[list as keyof CycleFilter].push(text(value));
    }
  }
  const has = (name: string) => name in form;
  return {
    month: has('month') ? text(form.month) : defaults.month,
    kind: text(form.kind) || 'monthly',
    title: text(form.title),
    ratePercent: has('ratePercent') ? text(form.ratePercent) : '10',
    count: text(form.count),
    seed: text(form.seed),
    excludeMonths: has('excludeMonths') ? text(form.excludeMonths) : '6',
    tier3Count: has('tier3Count') ? text(form.tier3Count) : String(defaults.tier3Count),
    moderationPercent: has('moderationPercent') ? text(form.moderationPercent) : '10',
    auditToolId: text(form.auditToolId),
    asOf: dateParts(form, 'asOf'),
    deadline: dateParts(form, 'deadline'),
    filter,
  };
}

/** The form again from settings a preview resolved: what a refused confirmation shows. */
export function valuesFromSettings(s: Partial<ResolvedCycleRequest>): NewCycleValues {
  const split = (date?: string): DateParts => {
    const [year = '', month = '', day = ''] = (date ?? '').split('-');
    return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
  };
  const percent = (rate?: number) => (rate === undefined ? '' : String(Math.round(rate * 100000) / 1000));
  return {
    month: s.month ?? '',
    kind: s.kind ?? 'monthly',
    title: s.title ?? '',
    ratePercent: percent(s.rate),
    count: s.count == null ? '' : String(s.count),
    seed: s.seed ?? '',
    excludeMonths: s.excludeMonths === undefined ? '' : String(s.excludeMonths),
    tier3Count: s.tier3Count === undefined ? '' : String(s.tier3Count),
    moderationPercent: percent(s.moderationRate),
    auditToolId: s.auditToolId == null ? '' : String(s.auditToolId),
    asOf: split(s.asOf),
    deadline: split(s.deadline),
    filter: {
      cohorts: s.filter?.cohorts ?? [],
      teams: s.filter?.teams ?? [],
      localities: s.filter?.localities ?? [],
    },
  };
}

const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * The request the API takes, from the form's text, or the errors a person can act on. Shares
 * are typed as percentages here and checked in those words; the API's DTO checks the rest.
 */
export function requestOf(v: NewCycleValues): {
  request: Record<string, unknown>;
  errors: FormErrors | null;
} {
  const problems: (FormErrors | null)[] = [];
  const number = (value: string, id: string, words: string, scale = 1) => {
    if (value === '') return undefined;
    if (!DECIMAL.test(value)) {
      problems.push(fieldError(id, `${words} must be a number, like 10`));
      return undefined;
    }
    return Number(value) / scale;
  };
  const percent = (value: string, id: string, words: string, min: number) => {
    const share = number(value, id, words);
    if (share !== undefined && (share < min || share > 100)) {
      problems.push(fieldError(id, `${words} must be from ${min}% to 100%`));
    }
    return share === undefined ? undefined : share / 100;
  };
  const date = (parts: DateParts, id: string, words: string) => {
    if (!parts.day && !parts.month && !parts.year) return undefined;
    if (![parts.day, parts.month, parts.year].every((p) => /^\d+$/.test(p)) || parts.year.length !== 4) {
      problems.push(fieldError(`${id}-day`, `${words} must be a real date, like 1 12 2026`));
      return undefined;
    }
    return `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  };
  const themed = v.kind === 'themed';
  const filter = Object.fromEntries(Object.entries(v.filter).filter(([, list]) => list.length > 0));
  const request: Record<string, unknown> = {
    month: v.month,
    kind: v.kind,
    title: v.title || undefined,
    rate: percent(v.ratePercent, 'ratePercent', 'The share of open cases', 0.1),
    count: number(v.count, 'count', 'The number of cases'),
    seed: v.seed || undefined,
    excludeMonths: number(v.excludeMonths, 'excludeMonths', 'The months to skip'),
    tier3Count: number(v.tier3Count, 'tier3Count', 'The number of tier 3 audits'),
    moderationRate: percent(v.moderationPercent, 'moderationPercent', 'The share sent to moderation', 0),
    auditToolId: number(v.auditToolId, 'auditToolId', 'The audit tool'),
    asOf: date(v.asOf, 'asOf', 'The date cases must be open on'),
    deadline: date(v.deadline, 'deadline', 'The deadline'),
    filter: Object.keys(filter).length || themed ? filter : undefined,
  };
  for (const key of Object.keys(request)) if (request[key] === undefined) delete request[key];
  return { request, errors: mergeFormErrors(...problems) };
}

const IDS: Record<string, string> = {
  rate: 'ratePercent',
  moderationRate: 'moderationPercent',
  asOf: 'asOf-day',
  deadline: 'deadline-day',
  filter: 'filter-cohorts',
  previewDigest: 'month',
};
const WORDS: Record<string, string> = {
  month: 'The month',
  kind: 'The kind of cycle',
  title: 'The title',
  count: 'The number of cases',
  seed: 'The seed',
  excludeMonths: 'The months to skip',
  tier3Count: 'The number of tier 3 audits',
  asOf: 'The date cases must be open on',
  deadline: 'The deadline',
  filter: 'The scope',
  auditToolId: 'The audit tool',
};

const FIELDS: FieldMap = {
  idFor: (field) => {
    const top = field.split('.')[0];
    return IDS[top] ?? (top in WORDS ? top : undefined);
  },
};

/**
 * The API's refusal in the form's words: a message that starts with the field's own name
 * (`excludeMonths must not be greater than 36`) starts with its label instead.
 */
export function newCycleErrors(error: unknown): FormErrors {
  if (error instanceof DomainError && error.details.errors) {
    error.details.errors = error.details.errors.map(({ field, message }) => {
      const top = field.split('.')[0];
      const words = WORDS[top];
      const named = !words
        ? message
        : message.startsWith(top)
          ? `${words}${message.slice(top.length)}`
          : message.startsWith('must ')
            ? `${words} ${message}`
            : message;
      return { field, message: named };
    });
  }
  return formErrorsFrom(error, FIELDS, 'month');
}

/** A refusal's status on a form: 422 for input the rules refuse, 409 for a conflict. */
export function formStatus(error: unknown): number {
  return error instanceof DomainError && error.code === ErrorCode.Validation ? 422 : 409;
}
