import { ParseIntPipe, ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, ErrorCode, type FieldProblem } from './domain-error.js';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** DTO validation: unknown fields are refused, and every problem names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new DomainError(ErrorCode.Validation, problems.map((p) => p.message).join('; '), {
        errors: problems,
      });
    },
  });
}

/** Route ids: a non-number is a 422 naming the `id` field, like every other invalid input. */
export class ParseIdPipe extends ParseIntPipe {
  constructor() {
    super({ exceptionFactory: () => DomainError.validation('id', 'must be a whole number') });
  }
}
