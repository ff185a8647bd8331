import type { EntityManager } from 'typeorm';
import { type AuditToolDefinition, appliesTo } from '../../workflows/audit-tool-definition.js';
import type { AuditDraft } from '../../workflows/audit-draft.js';
import { bulkInsert } from '../persistence/index.js';

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
    .map((d) => [
      auditId,
      'auditor',
      d.key,
      draft.domains![d.key].grade,
      draft.domains![d.key].evidence ?? null,
    ]);
  const compliance = tool.compliance
    .filter((i) => appliesTo(i, cohort) && draft.compliance?.[i.key])
    .map((i) => [auditId, i.key, draft.compliance![i.key]]);
  // Plain prepared INSERTs: every submit writes a dozen rows, and TypeORM's insert builder took
  // longer to build them than SQLite took to store them (bench/audit-lifecycle).
  const grades = ['audit_id', 'source', 'domain_key', 'grade', 'evidence'];
  await bulkInsert(m, 'audit_domain_grades', grades, domains);
  await bulkInsert(m, 'audit_compliance', ['audit_id', 'item_key', 'answer'], compliance);
}
