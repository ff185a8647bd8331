// The shared kernel: errors, HTTP plumbing and small pure helpers every feature may use.
export { AsyncMutex } from './async-mutex.js';
export { DomainError, type DomainErrorDetails, ErrorCode, type FieldProblem } from './domain-error.js';
export { normaliseName } from './normalise-name.js';
export { normaliseWorkerKey } from './worker-key.js';
export { type PageErrorRenderer, type Problem, ProblemDetailsFilter } from './problem-details.filter.js';
export { newSeed, rankKey } from './seeded-rank.js';
export { createValidationPipe, ParseIdPipe } from './validation.pipe.js';
export { isPrototypeMemberName } from './prototype-keys.js';
export { installRequestGuards } from './request-guards.js';
export {
  IsCalendarDate,
  IsCalendarMonth,
  IsId,
  isIdNumber,
  IsNotBlank,
  IsOptional,
  IsPlainText,
  MAX_INT32,
} from './validation.decorators.js';
export { TEXT_LIMITS } from './text-limits.js';
export {
  characterCount,
  hasControlCharacter,
  plainTextProblem,
  type PlainTextRule,
} from '../../workflows/rules/plain-text.js';
// Pure text and calendar rules live beside the machines that also use them (workflows/rules).
export { isBlank } from '../../workflows/rules/blank-text.js';
export {
  CALENDAR_RANGE,
  daysInMonth,
  FIRST_YEAR,
  isCalendarDate,
  isCalendarMonth,
  LAST_YEAR,
} from '../../workflows/rules/calendar.js';
export {
  DEFAULT_PAGE_SIZE,
  entityPage,
  MAX_PAGE_SIZE,
  type Page,
  PageQueryDto,
  type PageRequest,
  pageRequest,
  rawPage,
} from './paging.js';
export { applyTrustProxy, trustProxySetting } from './client-address.js';
export { applySecurityHeaders } from './security-headers.js';
