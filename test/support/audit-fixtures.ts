import { DEFAULT_AUDIT_TOOL } from './default-audit-tool.js';
import { appliesTo } from '../../workflows/audit-tool-definition.js';
import type { AuditDraft } from '../../workflows/audit-draft.js';
import { TEST_TODAY } from './test-clock.js';

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
 * A discussion held on the test apps' today (their clock is fixed at TEST_NOW): it must fall
 * between the audit's start and today. A run on another clock sets `heldOn` itself.
 */
export const AGREED_DISCUSSION = {
  happened: true,
  heldOn: TEST_TODAY,
  summary: 'Went through the findings together',
  workerReflection: 'Will update the chronology',
  agreement: 'agrees' as const,
};
