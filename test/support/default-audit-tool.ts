import type { AuditToolDefinition } from '../../workflows/audit-tool-definition.js';
import { STANDARD_TOOL_V1 } from '../../libs/persistence/migrations/1763900000000-audit-workflow.js';

/**
 * The default toolkit (the domains and compliance items of shared/DOMAIN.md), as the
 * audit-workflow migration seeds it for version 1 of the "standard" tool: the tests take the
 * migration's own frozen data rather than keeping a second copy of it.
 */
export const DEFAULT_AUDIT_TOOL: AuditToolDefinition = STANDARD_TOOL_V1;
