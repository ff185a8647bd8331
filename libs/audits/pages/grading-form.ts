import type { AuditDraft } from '../../../workflows/audit-draft.js';
import type { ToolComplianceItem, ToolDomain } from '../../../workflows/audit-tool-definition.js';
import type { FieldMap } from '../../web/index.js';
import { type FieldWords, messagesIn } from './field-words.js';
import { dateFromParts, partsOfDate, type DateParts, textOf } from './form-values.js';

/**
 * The grading form, posted flat (`grade-plan=good`): each element's name is its id, so the error
 * summary links straight to it. These pure functions turn the form into the API's draft and back.
 */
export interface GradingValues {
  domains: Record<string, { grade?: string; evidence?: string }>;
  compliance: Record<string, string>;
  improved?: string;
  overall: { grade?: string; rationale?: string };
  actions: ActionValues[];
}

/**
 * One proposed action as the form holds it. `ownerId` is the chosen user's id as posted; `owner`
 * is the free text of a draft saved before owners were users, carried in a hidden field so that
 * a save does not lose it until a real owner is chosen.
 */
export interface ActionValues extends DateParts {
  what: string;
  why: string;
  domainKey: string;
  ownerId: string;
  owner: string;
  successMeasure: string;
}

export interface GradingTool {
  domains: ToolDomain[];
  compliance: ToolComplianceItem[];
}

/** How many action rows the form posts: those saved, and one more to add. */
export function actionRows(values: GradingValues): number {
  return values.actions.length + 1;
}

export function valuesFromDraft(draft: AuditDraft | null | undefined): GradingValues {
  return {
    domains: Object.fromEntries(
      Object.entries(draft?.domains ?? {}).map(([key, j]) => [
        key,
        { grade: j?.grade, evidence: j?.evidence },
      ]),
    ),
    compliance: { ...(draft?.compliance ?? {}) },
    improved: draft?.improved,
    overall: { grade: draft?.overall?.grade, rationale: draft?.overall?.rationale },
    actions: (draft?.actions ?? []).map((a) => ({
      what: a.what,
      why: a.why ?? '',
      domainKey: a.domainKey ?? '',
      ownerId: a.ownerId == null ? '' : String(a.ownerId),
      owner: a.owner ?? '',
      successMeasure: a.successMeasure ?? '',
      ...partsOfDate(a.dueOn),
    })),
  };
}

export function valuesFromForm(form: Record<string, unknown>, tool: GradingTool): GradingValues {
  const value = (name: string) => textOf(form[name]);
  const domains: GradingValues['domains'] = {};
  for (const { key } of tool.domains) {
    const grade = value(`grade-${key}`);
    const evidence = value(`evidence-${key}`);
    if (grade || evidence.trim()) domains[key] = { grade: grade || undefined, evidence };
  }
  const compliance: GradingValues['compliance'] = {};
  for (const { key } of tool.compliance) {
    const answer = value(`compliance-${key}`);
    if (answer) compliance[key] = answer;
  }
  const actions: GradingValues['actions'] = [];
  const rows = Math.min(Number(value('actionRows')) || 1, 100);
  for (let i = 0; i < rows; i++) {
    const row: ActionValues = {
      what: value(`action-${i}-what`),
      why: value(`action-${i}-why`),
      domainKey: value(`action-${i}-domainKey`),
      ownerId: value(`action-${i}-ownerId`),
      owner: value(`action-${i}-owner`),
      successMeasure: value(`action-${i}-successMeasure`),
      day: value(`action-${i}-dueOn-day`),
      month: value(`action-${i}-dueOn-month`),
      year: value(`action-${i}-dueOn-year`),
    };
    // A row left empty (or emptied) is no action: that is how one is removed. The hidden
    // free-text owner of an older draft does not keep an emptied row.
    const { owner: _hidden, ...typed } = row;
    if (Object.values(typed).some((v) => v.trim())) actions.push(row);
  }
  return {
    domains,
    compliance,
    improved: value('improved') || undefined,
    overall: { grade: value('overall-grade') || undefined, rationale: value('overall-rationale') },
    actions,
  };
}

/** The API's draft (DraftDto without its version) for what the form holds. */
export function draftFromValues(values: GradingValues): Record<string, unknown> {
  const draft: Record<string, unknown> = {
    domains: Object.fromEntries(
      Object.entries(values.domains).map(([key, { grade, evidence }]) => [
        key,
        evidence?.trim() ? { grade, evidence } : { grade },
      ]),
    ),
    compliance: values.compliance,
    actions: values.actions.map(actionFromValues),
  };
  if (values.improved) draft.improved = values.improved;
  const overall: Record<string, string> = {};
  if (values.overall.grade) overall.grade = values.overall.grade;
  if (values.overall.rationale?.trim()) overall.rationale = values.overall.rationale;
  draft.overall = overall;
  return draft;
}

/** The API's proposed action for one row: what was left empty is left out, a typed id as a number. */
function actionFromValues(a: ActionValues): Record<string, unknown> {
  const action: Record<string, unknown> = { what: a.what };
  if (a.why.trim()) action.why = a.why;
  if (a.domainKey) action.domainKey = a.domainKey;
  if (a.ownerId.trim()) action.ownerId = /^\d{1,9}$/.test(a.ownerId.trim()) ? Number(a.ownerId) : a.ownerId;
  if (a.owner.trim()) action.owner = a.owner;
  action.dueOn = dateFromParts(a);
  if (a.successMeasure.trim()) action.successMeasure = a.successMeasure;
  return action;
}

/** `grades[0].grade` and `grades.0.grade` alike, as a list of path parts. */
export function fieldPath(field: string): string[] {
  return field
    .replace(/\[(\w+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
}

/** API field paths of a draft (`domains.plan.grade`, `actions.0`) → the grading form's element ids. */
export function gradingFieldId(field: string): string | undefined {
  const [head, key, leaf] = fieldPath(field);
  if (head === 'domains' && key) return leaf === 'evidence' ? `evidence-${key}` : `grade-${key}`;
  if (head === 'compliance' && key) return `compliance-${key}`;
  if (head === 'improved') return 'improved';
  if (head === 'overall') return key === 'rationale' ? 'overall-rationale' : 'overall-grade';
  if (head === 'actions') {
    const row = /^\d+$/.test(key ?? '') ? key : '0';
    if (leaf === 'owner' || leaf === 'ownerId') return `action-${row}-ownerId`;
    if (leaf === 'dueOn') return `action-${row}-dueOn-day`;
    if (leaf === 'why' || leaf === 'domainKey' || leaf === 'successMeasure') return `action-${row}-${leaf}`;
    return `action-${row}-what`;
  }
  return undefined;
}

/** How the grading form names each field in its error messages. */
export function gradingFieldWords(tool: GradingTool): (field: string) => FieldWords | undefined {
  const titles = new Map(tool.domains.map((d) => [d.key, d.title]));
  const questions = new Map(tool.compliance.map((c) => [c.key, c.question]));
  return (field) => {
    const [head, key, leaf] = fieldPath(field);
    const title = titles.get(key);
    if (head === 'domains' && title) {
      return leaf === 'evidence'
        ? { kind: 'text', noun: `the evidence for ${title}` }
        : { kind: 'choice', noun: `a grade for ${title}` };
    }
    const question = questions.get(key);
    if (head === 'compliance' && question) return { kind: 'choice', noun: `an answer to “${question}”` };
    if (head === 'improved') {
      return { kind: 'choice', noun: 'whether the child’s circumstances improved in the last three months' };
    }
    if (head === 'overall') {
      return key === 'rationale'
        ? { kind: 'text', noun: 'the rationale for the overall grade' }
        : { kind: 'choice', noun: 'an overall grade' };
    }
    if (head === 'actions' && /^\d+$/.test(key ?? '')) {
      const n = Number(key) + 1;
      if (leaf === 'what') return { kind: 'text', noun: `what is to be done for action ${n}` };
      if (leaf === 'owner' || leaf === 'ownerId') return { kind: 'choice', noun: `who owns action ${n}` };
      if (leaf === 'why') return { kind: 'text', noun: `why action ${n} is needed` };
      if (leaf === 'successMeasure')
        return { kind: 'text', noun: `how success will be seen for action ${n}` };
      if (leaf === 'domainKey') return { kind: 'choice', noun: `the domain action ${n} comes from` };
      if (leaf === 'dueOn') return { kind: 'date', noun: `the due date for action ${n}` };
    }
    return undefined;
  };
}

export function gradingFieldMap(tool: GradingTool): FieldMap {
  const labelFor = (field: string) => {
    const [head, key] = fieldPath(field);
    if (head === 'actions' && /^\d+$/.test(key ?? '')) return `Action ${Number(key) + 1}`;
    return undefined;
  };
  return { idFor: gradingFieldId, labelFor, messageFor: messagesIn(gradingFieldWords(tool), labelFor) };
}
