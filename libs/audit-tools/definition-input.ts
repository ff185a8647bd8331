import type { AuditToolDefinition } from '../../workflows/audit-tool-definition.js';

/** A definition as an administrator sends it: guidance and cohorts may be left out. */
export interface DefinitionInput {
  domains: { key: string; title: string; guidance?: string[]; cohorts?: string[] | null }[];
  compliance: { key: string; question: string; cohorts?: string[] | null }[];
}

/**
 * The stored form: every field present, text trimmed, and "every cohort" always written as
 * null (appliesTo reads an empty list the same way, but one spelling keeps stored tools
 * comparable). Keys are left as sent so that a malformed key is reported, not silently fixed.
 */
export function normaliseDefinition(input: DefinitionInput): AuditToolDefinition {
  const cohorts = (codes: string[] | null | undefined) => (codes && codes.length > 0 ? [...codes] : null);
  return {
    domains: input.domains.map((d) => ({
      key: d.key,
      title: d.title.trim(),
      guidance: (d.guidance ?? []).map((line) => line.trim()),
      cohorts: cohorts(d.cohorts),
    })),
    compliance: input.compliance.map((c) => ({
      key: c.key,
      question: c.question.trim(),
      cohorts: cohorts(c.cohorts),
    })),
  };
}
