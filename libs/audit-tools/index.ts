// Audit tools' one door: the versioned tools audits are graded against. The definition's
// types and pure helpers live beside the audit machine (workflows/audit-tool-definition.ts).
export { AuditToolsModule } from './audit-tools.module.js';
export {
  type AuditToolSummary,
  type AuditToolView,
  AuditToolsService,
  STANDARD_TOOL_KEY,
} from './audit-tools.service.js';
export type { AuditToolStatus } from './audit-tool.entity.js';
export { isPublishedTool, type PinnedTool, publishedTools, toolById } from './audit-tool-reads.js';
