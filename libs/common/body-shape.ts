import { hasControlCharacter } from '../../workflows/rules/plain-text.js';
import { isPrototypeMemberName } from './prototype-keys.js';

/**
 * Limits on a parsed JSON body, checked before validation. The deepest body a route takes is
 * an audit tool definition (5 levels); 20,000 nested arrays fit in 40 kB and make
 * class-transformer recurse until the stack overflows, so depth is capped well below that.
 */
export const MAX_BODY_DEPTH = 10;
/** Values in one body: a full audit tool definition has a few thousand. */
export const MAX_BODY_VALUES = 20_000;

export interface BodyShapeProblem {
  kind: 'depth' | 'size' | 'key' | 'text';
  field: string;
  message: string;
}

const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * The first thing wrong with a body's shape, or null: nested deeper than MAX_BODY_DEPTH, more
 * than MAX_BODY_VALUES values, an object key named like an inherited member (`constructor`,
 * `__proto__`…), or a control character other than tab and line breaks in any text. Iterative, so no body can exhaust the stack here either.
 */
export function bodyShapeProblem(body: unknown): BodyShapeProblem | null {
  const pending: [value: unknown, path: string, depth: number][] = [[body, '', 1]];
  let values = 0;
  while (pending.length > 0) {
    const [value, path, depth] = pending.pop()!;
    if (++values > MAX_BODY_VALUES) {
      return { kind: 'size', field: path, message: `the body holds more than ${MAX_BODY_VALUES} values` };
    }
    // PostgreSQL refuses a NUL byte (a 500) where SQLite stores it, and no control character is
    // text a person typed: refused in every field, so no route has to remember it. Tab and line
    // breaks stay allowed for free text; names refuse them too (IsPlainText).
    if (typeof value === 'string' && hasControlCharacter(value, true)) {
      return { kind: 'text', field: path, message: 'must not contain a control character' };
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_BODY_DEPTH) {
      return {
        kind: 'depth',
        field: path,
        message: `the body is nested more than ${MAX_BODY_DEPTH} levels deep`,
      };
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push([item, `${path}[${i}]`, depth + 1]));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (hasControlCharacter(key)) {
        return { kind: 'key', field: path, message: 'a key must not contain a control character' };
      }
      if (isPrototypeMemberName(key)) {
        return {
          kind: 'key',
          field: at(path, key),
          message: `"${key}" cannot be used as a key: it is the name of a built-in property`,
        };
      }
      pending.push([(value as Record<string, unknown>)[key], at(path, key), depth + 1]);
    }
  }
  return null;
}
