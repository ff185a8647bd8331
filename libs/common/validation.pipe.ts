import {
  type ArgumentMetadata,
  type PipeTransform,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { bodyShapeProblem } from './body-shape.js';
import { DomainError, ErrorCode, type FieldProblem } from './domain-error.js';
import { bodyShapeError } from './request-guards.js';
import { MAX_INT32 } from './validation.decorators.js';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** A number as a person writes it: `0x10`, `1e3`, `Infinity` and `' 5'` are not numbers here. */
const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/**
 * Nest's pipe turns a route or query string into a number with `+value`, so `0x10` became 16
 * before any route pipe saw it. Route params stay strings (ParseIdPipe reads them); a query
 * value typed as a number must be plain decimal notation, else a 422 naming it.
 */
class StrictValidationPipe extends ValidationPipe {
  /**
   * The request guard checks a parsed JSON or form body; multipart fields (parsed later, by
   * multer) and JSON a page form carries in a field (validateInput) come here unchecked.
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const problem = value === undefined ? null : bodyShapeProblem(value);
      if (problem) throw bodyShapeError(problem);
    }
    return super.transform(value, metadata);
  }

  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'param') return value;
    if (
      metadata.type === 'query' &&
      metadata.data &&
      metadata.metatype === Number &&
      typeof value === 'string'
    ) {
      if (!DECIMAL.test(value)) throw DomainError.validation(metadata.data, 'must be a number');
      return Number(value);
    }
    return super.transformPrimitive(value, metadata);
  }
}

/** DTO validation: unknown fields are refused, and every problem names its field. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
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
