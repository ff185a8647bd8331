// The shared kernel: errors, HTTP plumbing and small pure helpers every feature may use.
export { AsyncMutex } from './async-mutex.js';
export { DomainError, type DomainErrorDetails, ErrorCode, type FieldProblem } from './domain-error.js';
export { normaliseName } from './normalise-name.js';
export { ProblemDetailsFilter } from './problem-details.filter.js';
export { newSeed, rankKey } from './seeded-rank.js';
export { createValidationPipe, ParseIdPipe } from './validation.pipe.js';
