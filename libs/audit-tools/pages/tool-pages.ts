import type { Actor } from '../../persistence/index.js';
import { DomainError, ErrorCode } from '../../common/index.js';
import {
  fieldError,
  type FieldMap,
  formErrorsFrom,
  type FormErrors,
  validateInput,
} from '../../web/index.js';
import { UpdateAuditToolDraftDto } from '../audit-tools.dto.js';
import type { AuditToolsService } from '../audit-tools.service.js';

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
  uploaded: 'The JSON file has been uploaded and the draft saved.',
};

/**
 * The editor's form and the JSON upload save through this one path: the API's DTO, then the
 * service, so both meet the same rules and the same optimistic lock.
 */
export async function saveDraft(
  tools: AuditToolsService,
  id: number,
  title: string,
  definition: unknown,
  rowVersion: string,
  actor: Actor,
): Promise<void> {
  const input = await validateInput(UpdateAuditToolDraftDto, {
    title,
    definition,
    rowVersion: /^\d+$/.test(rowVersion) ? Number(rowVersion) : rowVersion,
  });
  await tools.updateDraft(id, input, actor);
}

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

/** Each of an uploaded file's errors goes on the file's field, named by its path in the file. */
export const definitionFieldMap = {
  idFor: (field: string) => (field.startsWith('definition') ? 'file' : undefined),
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

/** A refused save of a draft as the form's errors: a frozen version says what to do instead. */
export function draftSaveErrors(error: unknown, map: FieldMap, fallbackId: string): FormErrors {
  const refusal = transitionRefusal(error);
  return refusal
    ? fieldError(fallbackId, `${refusal}. Draft a new version from it instead`)
    : formErrorsFrom(error, map, fallbackId);
}
