import { appliesTo, type Grade } from '../../workflows/audit-tool-definition.js';
import type { AuditToolDefinition } from '../../workflows/audit-tool-definition.js';
import type { AuditDraft } from '../../workflows/audit-draft.js';

const GRADE_CYCLE: Grade[] = ['good', 'requires_improvement', 'good', 'outstanding', 'inadequate', 'good'];

/**
 * A plausible graded draft for the demo: grades vary from audit to audit (the n-th audit takes
 * its pattern from GRADE_CYCLE), low grades carry evidence, and an inadequate overall grade
 * carries an action for `ownerId` (the case's team manager), due on `dueOn`, after the audit
 * starts, as the rules require.
 */
export function demoDraft(
  tool: AuditToolDefinition,
  cohort: string,
  n: number,
  dueOn: string,
  ownerId: number | undefined,
): AuditDraft {
  const domains = Object.fromEntries(
    tool.domains
      .filter((d) => appliesTo(d, cohort))
      .map((d, i) => {
        const grade = GRADE_CYCLE[(n + i) % GRADE_CYCLE.length];
        const evidence =
          grade === 'good' || grade === 'outstanding'
            ? 'Clear in the case record.'
            : `${d.title}: the record does not show this for the last three months.`;
        return [d.key, { grade, evidence }];
      }),
  );
  const compliance = Object.fromEntries(
    tool.compliance
      .filter((i) => appliesTo(i, cohort))
      .map((i, k) => [i.key, (n + k) % 5 === 0 ? 'not_met' : 'met'] as const),
  );
  const overall = GRADE_CYCLE[n % GRADE_CYCLE.length];
  return {
    domains,
    compliance,
    improved: (['yes', 'no', 'too_early'] as const)[n % 3],
    overall: { grade: overall, rationale: `Overall ${overall.replace('_', ' ')}: see the domain evidence.` },
    actions:
      overall === 'inadequate'
        ? [
            {
              what: 'Update the plan with timescales and a contingency',
              why: 'The plan has no timescales, so nobody can tell whether it is working.',
              ownerId,
              dueOn,
              successMeasure: 'A plan with dated steps and a contingency, reviewed at the next supervision.',
            },
          ]
        : [],
  };
}
