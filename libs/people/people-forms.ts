import { DomainError, ErrorCode } from '../common/index.js';
import { Role } from '../org/index.js';
import { ROLE_NAMES } from '../web/index.js';

/** A posted form field as text ('' when absent or repeated). */
export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Roles in words: the one list is the web layer's (libs/web/view-filters.ts). */
export const ROLE_LABELS = ROLE_NAMES as Record<Role, string>;

export interface SelectItem {
  value: string;
  text: string;
  selected?: boolean;
}

/** Options for a GOV.UK select, the first one blank ("Choose…" or "Any"). */
export function selectItems(
  options: { value: string; text: string }[],
  selected: string | undefined,
  blank: string,
): SelectItem[] {
  return [{ value: '', text: blank }, ...options].map((o) => ({
    ...o,
    selected: o.value === (selected ?? ''),
  }));
}

export const roleOptions = () =>
  Object.values(Role).map((role) => ({ value: role, text: ROLE_LABELS[role] }));

/** A refused form's status: 409 for a conflict (a taken name, acting on oneself), else 422. */
export function statusOf(error: unknown): number {
  const conflicts = [ErrorCode.Conflict, ErrorCode.IllegalTransition, ErrorCode.StaleUpdate];
  return error instanceof DomainError && conflicts.includes(error.code) ? 409 : 422;
}

/** Which form field a refusal names, with the worker key said in words rather than its API name. */
export function peopleFieldMap(fields: readonly string[]) {
  return {
    idFor: (field: string) => (fields.includes(field) ? field : undefined),
    messageFor: (field: string, message: string) => {
      if (field === 'email') return 'Enter an e-mail address in the correct format, like name@example.org';
      return field === 'workerKey'
        ? message.replace(/^workerKey/, 'That register worker id or e-mail')
        : undefined;
    },
  };
}
