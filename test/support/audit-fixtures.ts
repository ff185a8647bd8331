import { londonDate } from '../../libs/clock/index.js';
import { DEFAULT_AUDIT_TOOL } from '../../libs/audit-tools/default-audit-tool.js';
import { appliesTo } from '../../libs/audit-tools/audit-tool-definition.js';
import type { AuditDraft } from '../../libs/audits/audit-draft.js';

/** A draft that meets every grading rule for a case of `cohort` under the default tool. */
export function completeDraft(cohort: string, overall: AuditDraft['overall'] = {}): AuditDraft {
  const domains = Object.fromEntries(
    DEFAULT_AUDIT_TOOL.domains
      .filter((d) => appliesTo(d, cohort))
      .map((d) => [d.key, { grade: 'good' as const, evidence: 'Seen in the case file' }]),
  );
  const compliance = Object.fromEntries(
    DEFAULT_AUDIT_TOOL.compliance.filter((i) => appliesTo(i, cohort)).map((i) => [i.key, 'met' as const]),
  );
  return {
    domains,
    compliance,
    improved: 'yes',
    overall: { grade: 'good', rationale: 'Practice is consistently good', ...overall },
  };
}

/**
 * A discussion held today (London), read when the request is sent: it must fall between the
 * audit's start and today, and these journeys start their audits on the day they run.
 */
export const AGREED_DISCUSSION = {
  happened: true,
  get heldOn(): string {
    return londonDate(new Date());
  },
  summary: 'Went through the findings together',
  workerReflection: 'Will update the chronology',
  agreement: 'agrees' as const,
};
