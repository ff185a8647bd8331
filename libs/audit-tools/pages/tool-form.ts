import type { AuditToolDefinition } from '../../../workflows/audit-tool-definition.js';
import type { DefinitionInput } from '../definition-input.js';
import { text } from './tool-pages.js';

/**
 * The editor's form, exactly as typed: nothing is trimmed or dropped here, so a refused save
 * shows every value again. Only definitionFromForm turns it into what the API takes.
 */
export interface DomainRow {
  key: string;
  title: string;
  /** One guidance question on each line. */
  guidance: string;
  cohorts: string[];
}

export interface ItemRow {
  key: string;
  question: string;
  cohorts: string[];
}

export interface ToolForm {
  title: string;
  rowVersion: string;
  domains: DomainRow[];
  compliance: ItemRow[];
}

/** The two lists the editor holds, by their field-name prefix (`domains-2-title`, `items-0-key`). */
export type ListName = 'domains' | 'items';

/** More rows than the DTO takes (100 domains, 200 items) are never read from a posted form. */
const MAX_ROWS = 200;

export function formFromTool(tool: {
  title: string;
  rowVersion: number;
  definition: AuditToolDefinition;
}): ToolForm {
  return {
    title: tool.title,
    rowVersion: String(tool.rowVersion),
    domains: tool.definition.domains.map((d) => ({
      key: d.key,
      title: d.title,
      guidance: d.guidance.join('\n'),
      cohorts: d.cohorts ?? [],
    })),
    compliance: tool.definition.compliance.map((c) => ({
      key: c.key,
      question: c.question,
      cohorts: c.cohorts ?? [],
    })),
  };
}

/** The rows' indexes a form posted for one list, in order (a removed row leaves a gap). */
function rowIndexes(body: Record<string, unknown>, list: ListName): number[] {
  const pattern = new RegExp(`^${list}-(\\d{1,3})-(?:key|title|question|guidance|cohorts)$`);
  const found = new Set<number>();
  for (const name of Object.keys(body)) {
    const match = pattern.exec(name);
    if (match && Number(match[1]) < MAX_ROWS) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/** Ticked checkboxes arrive as one value or as a list (the form body is read flat). */
const codes = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

export function formFromBody(body: Record<string, unknown>): ToolForm {
  const field = (list: ListName, i: number, name: string) => body[`${list}-${i}-${name}`];
  return {
    title: text(body.title),
    rowVersion: text(body.rowVersion),
    domains: rowIndexes(body, 'domains').map((i) => ({
      key: text(field('domains', i, 'key')),
      title: text(field('domains', i, 'title')),
      guidance: text(field('domains', i, 'guidance')),
      cohorts: codes(field('domains', i, 'cohorts')),
    })),
    compliance: rowIndexes(body, 'items').map((i) => ({
      key: text(field('items', i, 'key')),
      question: text(field('items', i, 'question')),
      cohorts: codes(field('items', i, 'cohorts')),
    })),
  };
}

/**
 * `Voice of the child` → `voice_of_child`: a new row's key when none is typed. Keys are stored
 * with every grade, so a typed key is never rewritten, and a saved one stays as it is.
 */
export function keyFromWords(words: string): string {
  return words
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[_0-9]+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/, '');
}

const keyOf = (typed: string, words: string) => typed.trim() || keyFromWords(words);

/**
 * The form as the API's definition: the same DTO and the same rules as a JSON upload. Blank
 * guidance lines are gaps between questions, not questions; no cohort ticked means every cohort.
 */
export function definitionFromForm(form: ToolForm): DefinitionInput {
  return {
    domains: form.domains.map((d) => ({
      key: keyOf(d.key, d.title),
      title: d.title,
      guidance: d.guidance
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== ''),
      cohorts: d.cohorts.length ? [...d.cohorts] : null,
    })),
    compliance: form.compliance.map((c) => ({
      key: keyOf(c.key, c.question),
      question: c.question,
      cohorts: c.cohorts.length ? [...c.cohorts] : null,
    })),
  };
}
