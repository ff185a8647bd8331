import { GRADES } from '../../../workflows/audit-tool-definition.js';
import { fieldError, type FormErrors, mergeFormErrors } from '../../web/index.js';

export const AGREE = 'agree';

/** One judgement on the moderation form: a domain, or the overall grade. */
export interface ModerationQuestion {
  /** The form field's name and id: `overall`, or `domain-<key>`. */
  id: string;
  title: string;
  auditorGrade: string | null;
  /** What the moderator chose: `agree` or a grade; unset until they choose. */
  choice?: string;
}

export interface GradedDomain {
  key: string;
  title: string;
}

export interface GradeRow {
  source: string;
  domainKey: string;
  grade: string;
}

export type ModerationFormInput = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The overall grade first, then each domain the auditor graded, each with the moderator's choice. */
export function moderationQuestions(
  domains: GradedDomain[],
  grades: GradeRow[],
  auditorOverall: string | null,
  form: ModerationFormInput = {},
): ModerationQuestion[] {
  const auditorGrade = new Map(
    grades.filter((g) => g.source === 'auditor').map((g) => [g.domainKey, g.grade]),
  );
  return [
    { id: 'overall', title: 'Overall grade', auditorGrade: auditorOverall, choice: text(form.overall) },
    ...domains.map((d) => ({
      id: `domain-${d.key}`,
      title: d.title,
      auditorGrade: auditorGrade.get(d.key) ?? null,
      choice: text(form[`domain-${d.key}`]),
    })),
  ];
}

/** Each judgement not made yet, as the form's errors: agreeing is a choice the moderator makes. */
export function unansweredQuestions(questions: ModerationQuestion[]): FormErrors | null {
  const valid = new Set<string>([AGREE, ...GRADES]);
  return mergeFormErrors(
    ...questions.map((q) =>
      q.choice !== undefined && valid.has(q.choice)
        ? null
        : fieldError(
            q.id,
            q.id === 'overall'
              ? 'Choose whether you agree with the overall grade, or the grade you would give'
              : `Choose whether you agree with the grade for ${q.title}, or the grade you would give`,
          ),
    ),
  );
}

/**
 * The moderation command the form asks for: agreeing keeps the auditor's grade, and only a
 * changed domain grade is sent (the moderator's row beside the auditor's).
 */
export function moderationCommand(
  questions: ModerationQuestion[],
  version: unknown,
  comment: unknown,
): Record<string, unknown> {
  const [overall, ...domains] = questions;
  const changed = domains.filter((q) => q.choice !== AGREE && q.choice !== q.auditorGrade);
  const trimmed = text(comment)?.trim();
  return {
    version: /^\d{1,9}$/.test(String(version)) ? Number(version) : version,
    overallGrade: overall.choice === AGREE ? overall.auditorGrade : overall.choice,
    domains: changed.length
      ? Object.fromEntries(changed.map((q) => [q.id.slice('domain-'.length), q.choice]))
      : undefined,
    comment: trimmed ? trimmed : undefined,
  };
}

/** The API's field names on this form: `overallGrade` → `overall`, `domains.safety` → `domain-safety`. */
export function moderationFieldId(field: string): string | undefined {
  if (field === 'overallGrade') return 'overall';
  if (field === 'comment') return 'comment';
  if (field.startsWith('domains.')) return `domain-${field.slice('domains.'.length)}`;
  return undefined;
}
