/** What the moderation form needs of the audit to show the auditor's reasons beside each grade. */
export interface EvidenceSource {
  overallRationale: string | null;
  grades: { source: string; domainKey: string; evidence: string | null }[];
}

/**
 * The auditor's evidence by the moderation form's question ids: `overall` is their rationale for
 * the overall grade, `domain-<key>` the evidence they gave for that domain's grade. A moderator
 * judges a grade by its reasons, so each sits beside the grade it explains.
 */
export function auditorEvidence(audit: EvidenceSource): Record<string, string> {
  const evidence: Record<string, string> = {};
  if (audit.overallRationale?.trim()) evidence.overall = audit.overallRationale;
  for (const grade of audit.grades) {
    if (grade.source === 'auditor' && grade.evidence?.trim()) {
      evidence[`domain-${grade.domainKey}`] = grade.evidence;
    }
  }
  return evidence;
}
