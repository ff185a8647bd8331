import type { AuditDraft } from '../../../workflows/audit-draft.js';
import { draftFromValues, type GradingValues, valuesFromDraft } from './grading-form.js';

/** JSON with every object's keys in order: the same answers give the same text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * Whether the posted form says what the stored draft says, both read through the form, so that
 * a finished grading opened and saved unchanged is not reopened (and its discussion stands).
 */
export function sameAnswers(stored: AuditDraft | null | undefined, posted: GradingValues): boolean {
  return canonical(draftFromValues(valuesFromDraft(stored))) === canonical(draftFromValues(posted));
}
