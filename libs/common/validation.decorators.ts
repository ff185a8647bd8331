import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { isBlank } from '../../workflows/rules/blank-text.js';
import {
  CALENDAR_RANGE,
  FIRST_YEAR,
  isCalendarDate,
  isCalendarMonth,
  LAST_YEAR,
} from '../../workflows/rules/calendar.js';
import { plainTextProblem, type PlainTextRule } from '../../workflows/rules/plain-text.js';

/** The largest PostgreSQL `integer`: ids and versions are stored in such columns. */
export const MAX_INT32 = 2_147_483_647;

/** Required free text with something readable in it: not empty, spaces or invisible characters. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => !isBlank(value),
        defaultMessage: (args) => `${args?.property} must not be blank`,
      },
    },
    options,
  );
}

/** A real date YYYY-MM-DD (no 30 February, no time of day) from 2000-01-01 to 2099-12-31. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property} must be a real date YYYY-MM-DD from ${CALENDAR_RANGE}`,
      },
    },
    options,
  );
}

/** A month YYYY-MM from 2000-01 to 2099-12. */
export function IsCalendarMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarMonth',
      validator: {
        validate: (value: unknown) => isCalendarMonth(value),
        defaultMessage: (args) =>
          `${args?.property} must be a month YYYY-MM from ${FIRST_YEAR}-01 to ${LAST_YEAR}-12`,
      },
    },
    options,
  );
}

/** A whole number from 1 to MAX_INT32: what an id (or a row version) can be. */
export function isIdNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_INT32;
}

/** An id (or version) in a body: a whole number from 1 to 2147483647, never a string. */
export function IsId(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isId',
      validator: {
        validate: (value: unknown) => isIdNumber(value),
        defaultMessage: (args) => `${args?.property} must be a whole number from 1 to ${MAX_INT32}`,
      },
    },
    options,
  );
}

/**
 * Text that can be stored as it is: a string of at most `max` characters (as the database counts
 * them), well-formed, without control characters (prose may hold tabs and line breaks). The
 * register import applies the same rule (libs/cases/import/register-row-schema.ts).
 */
export function IsPlainText(
  max: number,
  { prose, ...options }: ValidationOptions & Omit<PlainTextRule, 'max'> = {},
): PropertyDecorator {
  const rule: PlainTextRule = { max, prose };
  const problem = (value: unknown) =>
    typeof value === 'string' ? plainTextProblem(value, rule) : 'must be a string';
  return ValidateBy(
    {
      name: 'isPlainText',
      constraints: [max],
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args) => `${args?.property} ${problem(args?.value) ?? 'is not valid'}`,
      },
    },
    options,
  );
}

/**
 * A field that may be left out. class-validator's own `IsOptional` also skips its checks for
 * `null`, which then reaches code typed `string | undefined` (a themed cycle's `title: null` was
 * a 500). Here only a missing field skips them: `null` is checked like any other value, and
 * fails them, unless the field says it is nullable with its own `ValidateIf`.
 */
export function IsOptional(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_, value) => value !== undefined, options);
}
