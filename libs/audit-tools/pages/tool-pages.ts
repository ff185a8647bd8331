import { DomainError, ErrorCode } from '../../common/index.js';

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A refused command's status on its page: 409 for an illegal transition or a stale draft, else 422. */
export function statusOf(error: unknown): number {
  const conflicts = [ErrorCode.Conflict, ErrorCode.IllegalTransition, ErrorCode.StaleUpdate];
  return error instanceof DomainError && conflicts.includes(error.code) ? 409 : 422;
}

export const STATUS_TAGS: Record<string, { text: string; classes: string }> = {
  draft: { text: 'Draft', classes: 'govuk-tag--yellow' },
  published: { text: 'Published', classes: 'govuk-tag--green' },
  retired: { text: 'Retired', classes: 'govuk-tag--grey' },
};

export const NOTICES: Record<string, string> = {
  published: 'This version has been published. Audits started from now on use it.',
  retired: 'This version has been retired. Audits that used it keep it; new audits will not use it.',
  saved: 'The draft has been saved.',
};

/** `definition.domains[2].guidance[0]` → `Domain 3, guidance line 1 (definition.domains[2].guidance[0])`. */
export function definitionPathWords(field: string): string {
  const names: Record<string, string> = {
    domains: 'Domain',
    compliance: 'Compliance item',
    guidance: 'guidance line',
    cohorts: 'cohort',
  };
  const parts = field
    .replace(/^definition\.?/, '')
    .replace(/\.(\d+)(?=\.|$)/g, '[$1]')
    .split('.')
    .filter(Boolean)
    .map((part) => {
      const match = /^(\w+)\[(\d+)\]$/.exec(part);
      return match ? `${names[match[1]] ?? match[1]} ${Number(match[2]) + 1}` : part;
    });
  return parts.length ? `${parts.join(', ')} (${field})` : 'The definition';
}

/** Each of the tool's errors goes on the one field that holds the definition, named by its path. */
export const definitionFieldMap = {
  idFor: (field: string) =>
    field === 'title' ? 'title' : field.startsWith('definition') ? 'definition' : undefined,
  labelFor: (field: string) => (field.startsWith('definition') ? definitionPathWords(field) : undefined),
};

const ALLOWED_FROM: Record<string, { from: string; done: string }> = {
  EDIT: { from: 'a draft', done: 'edited' },
  PUBLISH: { from: 'a draft', done: 'published' },
  RETIRE: { from: 'a published version', done: 'retired' },
};

/** The machine's refusal ("PUBLISH is not allowed while…") in words for the page, else null. */
export function transitionRefusal(error: unknown): string | null {
  if (!(error instanceof DomainError) || error.code !== ErrorCode.IllegalTransition) return null;
  const rule = ALLOWED_FROM[String(error.details.event)];
  const state = String(error.details.state);
  return rule
    ? `This version is ${state}: only ${rule.from} can be ${rule.done}`
    : `That cannot be done while this version is ${state}`;
}
