import { type PipeTransform, ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, ErrorCode, type FieldProblem } from './domain-error.js';
import { MAX_INT32 } from './validation.decorators.js';

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

/** Plain decimal digits, no sign, no leading zero: `0x10`, `1e3`, `016` and `+5` are not ids. */
const ID = /^[1-9][0-9]{0,9}$/;

/**
 * Route ids: only a plain decimal whole number from 1 to 2147483647 (the largest PostgreSQL
 * `integer`) is an id, so that no notation reads another row and no id overflows a column.
 * Anything else is a 422 naming the `id` parameter, like every other invalid input.
 */
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = ID.test(value) ? Number(value) : NaN;
    if (!(id <= MAX_INT32)) {
      throw DomainError.validation('id', `must be a whole number from 1 to ${MAX_INT32}`);
    }
    return id;
  }
}
