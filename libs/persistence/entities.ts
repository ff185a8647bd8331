import { AuditTool } from '../audit-tools/audit-tool.entity.js';
import { AccessRecord } from '../audits/access-record.entity.js';
import { AuditCompliance } from '../audits/audit-compliance.entity.js';
import { AuditDomainGrade } from '../audits/audit-grade.entity.js';
import { Escalation } from '../audits/escalation.entity.js';
import { Moderation } from '../audits/moderation.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { LoginAttempt } from '../auth/login-attempt.entity.js';
import { Session } from '../auth/session.entity.js';
import { Case } from '../cases/case.entity.js';
import { ImportRun } from '../cases/import-run.entity.js';
import { Audit } from '../cycles/audit.entity.js';
import { Cycle } from '../cycles/cycle.entity.js';
import { Cohort } from '../org/cohort.entity.js';
import { Locality } from '../org/locality.entity.js';
import { Team } from '../org/team.entity.js';
import { User } from '../org/user.entity.js';
import { WorkflowTransition } from './workflow-transition.entity.js';

/** Every entity, listed rather than globbed: ESM has no require-time directory scan. */
export const ENTITIES = [
  Locality,
  Cohort,
  Team,
  User,
  Session,
  LoginAttempt,
  Case,
  ImportRun,
  Cycle,
  Audit,
  WorkflowTransition,
  AuditTool,
  AuditDomainGrade,
  AuditCompliance,
  Moderation,
  Escalation,
  Notification,
  AccessRecord,
];
