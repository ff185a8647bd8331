import type { ComplianceAnswer, Grade, ImprovedAnswer } from './audit-tool-definition.js';

/**
 * One domain's judgement: evidence is required for requires improvement or inadequate. A draft
 * may hold evidence before its grade is chosen; finishing grading asks for the grade.
 */
export interface DomainJudgement {
  grade?: Grade;
  evidence?: string;
}

/** An action the audit finds is needed; the actions feature tracks it to closure. */
export interface ProposedAction {
  what: string;
  owner: string;
  dueOn: string;
}

/** What the auditor has entered so far; saved as often as they like while in progress. */
export interface AuditDraft {
  domains?: Record<string, DomainJudgement>;
  compliance?: Record<string, ComplianceAnswer>;
  improved?: ImprovedAnswer;
  overall?: { grade?: Grade; rationale?: string };
  actions?: ProposedAction[];
}

export const AGREEMENTS = ['agrees', 'partly', 'disagrees'] as const;
export type Agreement = (typeof AGREEMENTS)[number];

/** The discussion of the findings with the social worker, or why it could not happen. */
export interface Discussion {
  happened: boolean;
  heldOn?: string;
  notHeldReason?: string;
  summary?: string;
  workerReflection?: string;
  agreement?: Agreement;
  disagreement?: string;
}

/** Feedback from the child or family, recorded as given. */
export interface FamilyFeedback {
  from: string;
  how: string;
  said: string;
}
