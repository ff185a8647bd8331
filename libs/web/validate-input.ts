import type { Type } from '@nestjs/common';
import { createValidationPipe } from '../common/index.js';

const pipe = createValidationPipe();

/**
 * A page's form, checked by the same DTO and rules as the JSON API's body: a form cannot get past
 * a rule the API enforces. Refusals are the API's DomainError (422 naming each field).
 */
export async function validateInput<T extends object>(
  dto: Type<T>,
  plain: Record<string, unknown>,
): Promise<T> {
  return (await pipe.transform(plain, { type: 'body', metatype: dto, data: '' })) as T;
}
