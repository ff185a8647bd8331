import type { AuditDraft, DomainJudgement } from '../../workflows/audit-draft.js';
import type { AuditToolDefinition } from '../../workflows/audit-tool-definition.js';
import { draftShapeProblems } from '../../workflows/rules/grading-problems.js';
import { createValidationPipe, DomainError, ErrorCode, type FieldProblem } from '../common/index.js';
import { DraftDto } from './audits.dto.js';
import { ruleRefusal } from './rule-refusal.js';

/**
 * A draft as the grading page posts it is stored part by part: each grade, each piece of
 * evidence, each compliance answer, the three-month answer, the overall grade, its rationale,
 * and each action whole. A part a rule refuses is not stored; a keyed part keeps what was saved
 * for it before (so a long text made too long does not wipe the earlier one), and a refused
 * action is left out (a stored action is always complete). The page keeps the refused parts on
 * screen and names them, so nothing typed is lost.
 */
const pipe = createValidationPipe();

/** The API's own checks of a draft (DraftDto), as problems to name rather than one refusal. */
export async function draftInputProblems(posted: Record<string, unknown>): Promise<FieldProblem[]> {
  try {
    await pipe.transform({ ...posted, version: 1 }, { type: 'body', metatype: DraftDto, data: '' });
    return [];
  } catch (error) {
    if (error instanceof DomainError && error.details.errors?.length) return error.details.errors;
    throw error;
  }
}

const PART =
  /^(domains\.[^.]+(\.(grade|evidence))?|compliance\.[^.]+|improved|overall\.(grade|rationale)|actions\.\d+)/;

/** The stored part a problem's field is about (`actions.0.dueOn` → `actions.0`), or undefined. */
export function partOf(field: string): string | undefined {
  return PART.exec(field.replace(/\[(\w+)\]/g, '.$1'))?.[0];
}

/** One entry per field: two rules broken by one empty box are one thing not saved. */
export function onePerField(problems: readonly FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.field) && Boolean(seen.add(p.field)));
}

/** The posted draft with each refused part left out, or (a keyed part) as it was saved before. */
export function keepValidParts(
  posted: AuditDraft,
  saved: AuditDraft,
  refused: readonly string[],
): AuditDraft {
  const isRefused = (part: string) => refused.some((r) => part === r || part.startsWith(`${r}.`));
  const pick = <T>(part: string, now: T, before: T): T => (isRefused(part) ? before : now);
  const kept: AuditDraft = {};

  const domains: Record<string, DomainJudgement> = {};
  for (const [key, judgement] of Object.entries(posted.domains ?? {})) {
    const before = saved.domains?.[key];
    const grade = pick(`domains.${key}.grade`, judgement?.grade, before?.grade);
    const evidence = pick(`domains.${key}.evidence`, judgement?.evidence, before?.evidence);
    if (grade !== undefined || evidence !== undefined) {
      domains[key] = { ...(grade !== undefined && { grade }), ...(evidence !== undefined && { evidence }) };
    }
  }
  if (posted.domains) kept.domains = domains;

  if (posted.compliance) {
    kept.compliance = {};
    for (const [key, answer] of Object.entries(posted.compliance)) {
      const value = pick(`compliance.${key}`, answer, saved.compliance?.[key]);
      if (value !== undefined) kept.compliance[key] = value;
    }
  }

  const improved = pick('improved', posted.improved, saved.improved);
  if (improved !== undefined) kept.improved = improved;

  if (posted.overall) {
    const grade = pick('overall.grade', posted.overall.grade, saved.overall?.grade);
    const rationale = pick('overall.rationale', posted.overall.rationale, saved.overall?.rationale);
    kept.overall = {
      ...(grade !== undefined && { grade }),
      ...(rationale !== undefined && { rationale }),
    };
  }

  if (posted.actions) kept.actions = posted.actions.filter((_, i) => !isRefused(`actions.${i}`));
  return kept;
}

/**
 * What of a posted draft is stored, and what is not (each field once, with why): the API's input
 * checks first, then the draft rules on what passed them. A problem no part owns (a body the page
 * never sends) refuses the whole save, as the API does.
 */
export function validParts(
  tool: AuditToolDefinition,
  cohort: string,
  startedOn: string | undefined,
  posted: AuditDraft,
  saved: AuditDraft,
  inputProblems: readonly FieldProblem[],
): { draft: AuditDraft; notSaved: FieldProblem[] } {
  const afterInput = keepValidParts(posted, saved, partsOrRefuse(inputProblems));
  const notSaved = onePerField([
    ...inputProblems,
    ...draftShapeProblems(tool, cohort, afterInput, startedOn),
  ]);
  const draft = keepValidParts(posted, saved, partsOrRefuse(notSaved));
  // A part kept from the earlier save is checked again: one saved under older rules is refused whole.
  const still = draftShapeProblems(tool, cohort, draft, startedOn);
  if (still.length) throw ruleRefusal('save this draft', still);
  return { draft, notSaved };
}

function partsOrRefuse(problems: readonly FieldProblem[]): string[] {
  const parts = problems.map((p) => partOf(p.field));
  if (parts.some((p) => p === undefined)) {
    throw new DomainError(ErrorCode.Validation, problems.map((p) => p.message).join('; '), {
      errors: [...problems],
    });
  }
  return parts as string[];
}
