import { InitialSchema1763830000000 } from './1763830000000-initial-schema.js';
import { StandardCohorts1763830000001 } from './1763830000001-standard-cohorts.js';
import { AuditWorkflow1763900000000 } from './1763900000000-audit-workflow.js';
import { AccessRecords1763950000000 } from './1763950000000-access-records.js';
import { AuditToolWorkflow1764100000000 } from './1764100000000-audit-tool-workflow.js';
import { CycleProgressFromAudits1764100000001 } from './1764100000001-cycle-progress-from-audits.js';
import { IsoTimestamps1764200000000 } from './1764200000000-iso-timestamps.js';
import { OutboxSchedule1764200000001 } from './1764200000001-outbox-schedule.js';
import { ForeignKeys1764200000002 } from './1764200000002-foreign-keys.js';
import { LoginAttempts1764300000000 } from './1764300000000-login-attempts.js';
import { WebSessions1764400000000 } from './1764400000000-web-sessions.js';
import { AuditCaseRef1764400000200 } from './1764400000200-audit-case-ref.js';
import { OversightIndexes1764400000100 } from './1764400000100-oversight-indexes.js';
import { WorkerKeys1764500003000 } from './1764500003000-worker-keys.js';
import { PasswordMustChange1764500005000 } from './1764500005000-password-must-change.js';
import { IdempotencyKeys1764500006000 } from './1764500006000-idempotency-keys.js';
import { SeedToolPublishedAt1764600300000 } from './1764600300000-seed-tool-published-at.js';
import { Actions1764700000000 } from './1764700000000-actions.js';
import { NotificationDelivery1764700400000 } from './1764700400000-notification-delivery.js';
import { PlanItemVersion1764700500000 } from './1764700500000-plan-item-version.js';

/** In order. A new migration is appended here as well as added to this folder. */
export const MIGRATIONS = [
  InitialSchema1763830000000,
  StandardCohorts1763830000001,
  AuditWorkflow1763900000000,
  AccessRecords1763950000000,
  AuditToolWorkflow1764100000000,
  CycleProgressFromAudits1764100000001,
  IsoTimestamps1764200000000,
  OutboxSchedule1764200000001,
  ForeignKeys1764200000002,
  LoginAttempts1764300000000,
  WebSessions1764400000000,
  OversightIndexes1764400000100,
  AuditCaseRef1764400000200,
  WorkerKeys1764500003000,
  PasswordMustChange1764500005000,
  IdempotencyKeys1764500006000,
  SeedToolPublishedAt1764600300000,
  Actions1764700000000,
  NotificationDelivery1764700400000,
  PlanItemVersion1764700500000,
];
