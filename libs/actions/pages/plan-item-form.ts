import { DomainError, ErrorCode } from '../../common/index.js';
import { fieldError, type FormErrors, mergeFormErrors } from '../../web/index.js';
import { PLAN_SOURCES } from '../plan-item.entity.js';
import { PLAN_SOURCE_WORDS } from './plan-items-view.js';

/** What the add and change forms post, kept as typed so a refused form shows it again. */
export interface PlanItemForm {
  reference: string;
  title: string;
  source: string;
  owner: string;
}

const FIELDS = ['reference', 'title', 'source', 'owner'];
export const planFieldMap = { idFor: (field: string) => (FIELDS.includes(field) ? field : undefined) };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function planItemForm(body: Record<string, unknown>): PlanItemForm {
  return {
    reference: text(body.reference).trim(),
    title: text(body.title).trim(),
    source: text(body.source),
    owner: text(body.owner).trim(),
  };
}

/** The page's own words for what is missing, before the API's rules check the rest. */
export function missingFields(form: PlanItemForm): FormErrors | null {
  return mergeFormErrors(
    form.reference ? null : fieldError('reference', 'Enter the item’s reference'),
    form.title ? null : fieldError('title', 'Enter the item’s title'),
    form.source ? null : fieldError('source', 'Select where the item comes from'),
    form.owner ? null : fieldError('owner', 'Enter who owns the item'),
  );
}

export const sourceItems = (selected: string) =>
  PLAN_SOURCES.map((value) => ({ value, text: PLAN_SOURCE_WORDS[value], checked: value === selected }));

/** 409 for a taken reference or a stale edit, else 422. */
export function statusOf(error: unknown): number {
  const conflicts = [ErrorCode.Conflict, ErrorCode.StaleUpdate];
  return error instanceof DomainError && conflicts.includes(error.code) ? 409 : 422;
}

/** Someone else saved the item since this form was opened: say so in the page's words. */
export function isStale(error: unknown): boolean {
  return error instanceof DomainError && error.code === ErrorCode.StaleUpdate;
}

export const STALE_ITEM =
  'Someone else changed this item after you opened it. Your changes are shown: check them and save again.';
