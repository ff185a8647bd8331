import {
  type AuditToolDefinition,
  appliesTo,
  COMPLIANCE_ANSWERS,
  GRADES,
  IMPROVED_ANSWERS,
} from '../audit-tool-definition.js';
import { isBlank } from './blank-text.js';
import { isCalendarDate } from './calendar.js';
import type { AuditDraft, ProposedAction } from '../audit-draft.js';

/** A rule the audit does not yet meet: `rule` is stable for clients, `field` points at the form. */
export interface RuleProblem {
  rule: string;
  field: string;
  message: string;
}

const blank = isBlank;
/** Evidence is stored beside each grade; a body's worth of it in one domain is a mistake. */
export const MAX_EVIDENCE_LENGTH = 10_000;
/** The key's own entry, never one the object inherits (`constructor`, `toString`…). */
const own = <T>(map: Record<string, T> | undefined, key: string): T | undefined =>
  map && Object.hasOwn(map, key) ? map[key] : undefined;
const NEEDS_EVIDENCE = new Set(['requires_improvement', 'inadequate']);
// A value off the scale is not an answer: it must not count as one towards completion.
const onScale = <T extends string>(scale: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (scale as readonly string[]).includes(value);

/**
 * What stops a draft from standing as the audit's judgement, for a case of this cohort:
 * every applicable domain graded, with evidence for requires improvement or inadequate; every
 * applicable compliance item answered; the three-month question answered; an overall grade
 * and rationale; and an inadequate overall grade backed by an action or an escalation.
 */
export function gradingProblems(
  tool: AuditToolDefinition,
  cohort: string,
  draft: AuditDraft,
  escalations: number,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const domain of tool.domains.filter((d) => appliesTo(d, cohort))) {
    const judgement = own(draft.domains, domain.key);
    if (!judgement || !onScale(GRADES, judgement.grade)) {
      problems.push({
        rule: 'domain-graded',
        field: `domains.${domain.key}`,
        message: `grade ${domain.title}`,
      });
    } else if (NEEDS_EVIDENCE.has(judgement.grade) && blank(judgement.evidence)) {
      problems.push({
        rule: 'evidence-for-low-grade',
        field: `domains.${domain.key}.evidence`,
        message: `${domain.title} is graded ${judgement.grade.replace('_', ' ')}: give the evidence`,
      });
    }
  }
  for (const item of tool.compliance.filter((i) => appliesTo(i, cohort))) {
    if (!onScale(COMPLIANCE_ANSWERS, own(draft.compliance, item.key))) {
      problems.push({
        rule: 'compliance-answered',
        field: `compliance.${item.key}`,
        message: `answer: ${item.question}`,
      });
    }
  }
  if (!onScale(IMPROVED_ANSWERS, draft.improved)) {
    problems.push({
      rule: 'improvement-answered',
      field: 'improved',
      message: 'say whether the child’s circumstances improved in the last three months',
    });
  }
  if (!onScale(GRADES, draft.overall?.grade)) {
    problems.push({ rule: 'overall-grade', field: 'overall.grade', message: 'give an overall grade' });
  }
  if (blank(draft.overall?.rationale)) {
    problems.push({
      rule: 'overall-rationale',
      field: 'overall.rationale',
      message: 'give the rationale for the overall grade',
    });
  }
  (draft.actions ?? []).forEach((action, i) => problems.push(...actionReadyProblems(action, i)));
  if (draft.overall?.grade === 'inadequate' && (draft.actions?.length ?? 0) === 0 && escalations === 0) {
    problems.push({
      rule: 'inadequate-needs-action',
      field: 'actions',
      message: 'an inadequate overall grade needs at least one action or an escalation',
    });
  }
  return problems;
}

/**
 * What a proposed action needs before it can be tracked: an owner who is a user (a free-text
 * owner from an older draft is named, so the auditor knows whom they meant), why, and how
 * success will be seen.
 */
function actionReadyProblems(action: ProposedAction, i: number): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const n = i + 1;
  if (action.ownerId == null) {
    const earlier = blank(action.owner) ? '' : ` (it was saved as “${action.owner}”)`;
    problems.push({
      rule: 'action-owner-chosen',
      field: `actions.${i}.ownerId`,
      message: `choose who owns action ${n} from the case’s team${earlier}`,
    });
  }
  if (blank(action.why)) {
    problems.push({
      rule: 'action-why',
      field: `actions.${i}.why`,
      message: `say why action ${n} is needed`,
    });
  }
  if (blank(action.successMeasure)) {
    problems.push({
      rule: 'action-success-measure',
      field: `actions.${i}.successMeasure`,
      message: `say how success will be seen for action ${n}`,
    });
  }
  return problems;
}

/**
 * A domain's entry in a draft: an object, whose grade may be still to come (evidence is often
 * written before the grade is chosen, and a draft keeps it); finishing asks for the grade.
 */
const isJudgement = (value: unknown): value is { grade?: unknown; evidence?: unknown } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What makes a draft unsaveable whatever its progress: keys the tool does not have, grades
 * and answers outside the scale, actions without what, who or a real due date, or one due
 * before the audit started (`startedOn`, its London date). Checked on every save.
 */
export function draftShapeProblems(
  tool: AuditToolDefinition,
  cohort: string,
  draft: AuditDraft,
  startedOn?: string,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const domains = new Map(tool.domains.map((d) => [d.key, d]));
  for (const [key, judgement] of Object.entries(draft.domains ?? {})) {
    const domain = domains.get(key);
    if (!domain || !appliesTo(domain, cohort)) {
      problems.push({
        rule: 'known-domain',
        field: `domains.${key}`,
        message: `the tool has no domain ${key} for ${cohort}`,
      });
    } else if (!isJudgement(judgement) || (judgement.grade != null && !onScale(GRADES, judgement.grade))) {
      problems.push({
        rule: 'grade-scale',
        field: `domains.${key}.grade`,
        message: `grade must be one of ${GRADES.join(', ')}`,
      });
    } else if (judgement.evidence != null && typeof judgement.evidence !== 'string') {
      problems.push({
        rule: 'evidence-text',
        field: `domains.${key}.evidence`,
        message: 'evidence must be text',
      });
    } else if ((judgement.evidence?.length ?? 0) > MAX_EVIDENCE_LENGTH) {
      problems.push({
        rule: 'evidence-text',
        field: `domains.${key}.evidence`,
        message: `evidence must be at most ${MAX_EVIDENCE_LENGTH} characters`,
      });
    }
  }
  const items = new Map(tool.compliance.map((i) => [i.key, i]));
  for (const [key, answer] of Object.entries(draft.compliance ?? {})) {
    const item = items.get(key);
    if (!item || !appliesTo(item, cohort)) {
      problems.push({
        rule: 'known-compliance-item',
        field: `compliance.${key}`,
        message: `the tool has no compliance item ${key} for ${cohort}`,
      });
    } else if (!onScale(COMPLIANCE_ANSWERS, answer)) {
      problems.push({
        rule: 'answer-scale',
        field: `compliance.${key}`,
        message: `answer must be one of ${COMPLIANCE_ANSWERS.join(', ')}`,
      });
    }
  }
  if (draft.improved != null && !onScale(IMPROVED_ANSWERS, draft.improved)) {
    problems.push({
      rule: 'answer-scale',
      field: 'improved',
      message: `answer must be one of ${IMPROVED_ANSWERS.join(', ')}`,
    });
  }
  if (draft.overall?.grade != null && !onScale(GRADES, draft.overall.grade)) {
    problems.push({
      rule: 'grade-scale',
      field: 'overall.grade',
      message: `grade must be one of ${GRADES.join(', ')}`,
    });
  }
  (draft.actions ?? []).forEach((action, i) => {
    const hasOwner = action.ownerId != null || !blank(action.owner);
    if (blank(action.what) || !hasOwner || !isCalendarDate(action.dueOn)) {
      problems.push({
        rule: 'action-complete',
        field: `actions.${i}`,
        message: 'an action needs what, who owns it and a due date',
      });
    } else if (action.domainKey != null && !applicableDomain(tool, cohort, action.domainKey)) {
      problems.push({
        rule: 'known-domain',
        field: `actions.${i}.domainKey`,
        message: `the tool has no domain ${String(action.domainKey)} for ${cohort}`,
      });
    } else if (startedOn !== undefined && action.dueOn < startedOn) {
      problems.push({
        rule: 'action-due-after-start',
        field: `actions.${i}.dueOn`,
        message: `an action cannot be due before the audit started (${startedOn})`,
      });
    }
  });
  return problems;
}

const applicableDomain = (tool: AuditToolDefinition, cohort: string, key: unknown) =>
  tool.domains.some((d) => d.key === key && appliesTo(d, cohort));
