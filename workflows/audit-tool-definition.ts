/**
 * The audit tool (the toolkit form) as versioned data. An audit keeps the version it was
 * started with; a published version never changes.
 */
export const GRADES = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
};

export const COMPLIANCE_ANSWERS = ['met', 'not_met', 'not_applicable'] as const;
export type ComplianceAnswer = (typeof COMPLIANCE_ANSWERS)[number];

export const IMPROVED_ANSWERS = ['yes', 'no', 'too_early'] as const;
export type ImprovedAnswer = (typeof IMPROVED_ANSWERS)[number];

export interface ToolDomain {
  key: string;
  title: string;
  guidance: string[];
  /** Cohort codes the domain applies to; null or empty means every cohort. */
  cohorts: string[] | null;
}

export interface ToolComplianceItem {
  key: string;
  question: string;
  cohorts: string[] | null;
}

export interface AuditToolDefinition {
  domains: ToolDomain[];
  compliance: ToolComplianceItem[];
}

/** True when a domain or compliance item applies to a case of this cohort. */
export function appliesTo(item: { cohorts: string[] | null }, cohort: string): boolean {
  return !item.cohorts || item.cohorts.length === 0 || item.cohorts.includes(cohort);
}
