import type { AuditToolDefinition } from '../../workflows/audit-tool-definition.js';

/**
 * The cohorts a tool's domains and items name, sorted; null when something in it applies to
 * every cohort (then the tool serves every cohort, some of them with more domains).
 */
export function toolCohorts(definition: AuditToolDefinition): string[] | null {
  const items = [...definition.domains, ...definition.compliance];
  if (items.length === 0 || items.some((item) => !item.cohorts || item.cohorts.length === 0)) return null;
  return [...new Set(items.flatMap((item) => item.cohorts ?? []))].sort();
}
