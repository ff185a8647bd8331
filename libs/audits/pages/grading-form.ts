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
  actions: ({ what: string; owner: string } & DateParts)[];
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
    actions: (draft?.actions ?? []).map((a) => ({ what: a.what, owner: a.owner, ...partsOfDate(a.dueOn) })),
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
    const row = {
      what: value(`action-${i}-what`),
      owner: value(`action-${i}-owner`),
      day: value(`action-${i}-dueOn-day`),
      month: value(`action-${i}-dueOn-month`),
      year: value(`action-${i}-dueOn-year`),
    };
    // A row left empty (or emptied) is no action: that is how one is removed.
    if (Object.values(row).some((v) => v.trim())) actions.push(row);
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
    actions: values.actions.map((a) => ({ what: a.what, owner: a.owner, dueOn: dateFromParts(a) })),
  };
  if (values.improved) draft.improved = values.improved;
  const overall: Record<string, string> = {};
  if (values.overall.grade) overall.grade = values.overall.grade;
  if (values.overall.rationale?.trim()) overall.rationale = values.overall.rationale;
  draft.overall = overall;
  return draft;
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
    if (leaf === 'owner') return `action-${row}-owner`;
    if (leaf === 'dueOn') return `action-${row}-dueOn-day`;
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
      if (leaf === 'owner') return { kind: 'text', noun: `who owns action ${n}` };
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
