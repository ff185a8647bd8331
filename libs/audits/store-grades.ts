import type { EntityManager } from 'typeorm';
import { type AuditToolDefinition, appliesTo } from '../../workflows/audit-tool-definition.js';
import type { AuditDraft } from '../../workflows/audit-draft.js';
import { AuditCompliance } from './audit-compliance.entity.js';
import { AuditDomainGrade } from './audit-grade.entity.js';

/** The submitted grades as rows, one per applicable domain and compliance item, for reports in SQL. */
export async function storeGrades(
  m: EntityManager,
  auditId: number,
  tool: AuditToolDefinition,
  cohort: string,
  draft: AuditDraft,
): Promise<void> {
  const domains = tool.domains
    .filter((d) => appliesTo(d, cohort) && draft.domains?.[d.key])
    .map((d) => ({
      auditId,
      source: 'auditor' as const,
      domainKey: d.key,
      grade: draft.domains![d.key].grade,
      evidence: draft.domains![d.key].evidence ?? null,
    }));
  const compliance = tool.compliance
    .filter((i) => appliesTo(i, cohort) && draft.compliance?.[i.key])
    .map((i) => ({ auditId, itemKey: i.key, answer: draft.compliance![i.key] }));
  if (domains.length) await m.insert(AuditDomainGrade, domains);
  if (compliance.length) await m.insert(AuditCompliance, compliance);
}
