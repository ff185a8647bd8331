import type { ComplianceAnswer, Grade, ImprovedAnswer } from './audit-tool-definition.js';

/**
 * One domain's judgement: evidence is required for requires improvement or inadequate. A draft
 * may hold evidence before its grade is chosen; finishing grading asks for the grade.
 */
export interface DomainJudgement {
  grade?: Grade;
  evidence?: string;
}

/**
 * An action the audit finds is needed; when the audit is submitted it becomes a tracked action
 * (libs/actions). Its owner is a user (`ownerId`), offered from the case's team. A draft saved
 * before owners were users holds a free-text `owner` instead: it is kept and shown, but the
 * audit cannot be submitted until a real owner is chosen.
 */
export interface ProposedAction {
  /** What must change: specific and measurable. */
  what: string;
  /** Why: the finding it comes from. */
  why?: string;
  /** The tool domain the finding comes from, if one. */
  domainKey?: string;
  ownerId?: number;
  /** A name or role typed before owners were users; read and shown, never asked for again. */
  owner?: string;
  dueOn: string;
  /** How success will be seen. */
  successMeasure?: string;
  /** The improvement-plan item or inspection recommendation it answers, if one. */
  planItemId?: number;
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
