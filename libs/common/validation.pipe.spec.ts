import { IsString } from 'class-validator';
import { isBlank } from '../../workflows/rules/blank-text.js';
import { DomainError } from './domain-error.js';
import { TEXT_LIMITS } from './text-limits.js';
import { IsPlainText } from './validation.decorators.js';
import { createValidationPipe, ParseIdPipe } from './validation.pipe.js';

describe('ParseIdPipe', () => {
  const pipe = new ParseIdPipe();

  it.each([
    ['1', 1],
    ['16', 16],
    ['2147483647', 2_147_483_647],
  ])('reads %s as %d', (text, id) => {
    expect(pipe.transform(text)).toBe(id);
  });

  it.each([
    '0x10',
    '1e3',
    '016',
    '+5',
    '-1',
    '0',
    '1.0',
    ' 5',
    '5 ',
    '9007199254740993',
    '2147483648',
    '',
    '١',
  ])('refuses %j with a 422 naming id', (text) => {
    expect(() => pipe.transform(text)).toThrow(DomainError);
    expect(() => pipe.transform(text)).toThrow(/^id: must be a whole number from 1 to 2147483647$/);
  });
});

describe('isBlank', () => {
  it.each(['', ' ', '\t\n\r', '\u00a0', '\u200b\u200c\u200d', '\u2060\ufeff', '\u3000', null, 42, {}])(
    'counts %j as blank',
    (text) => {
      expect(isBlank(text)).toBe(true);
    },
  );

  it.each(['x', ' Case closed ', '1', '—', '😀', 'é'])('counts %j as text', (text) => {
    expect(isBlank(text)).toBe(false);
  });
});

describe('createValidationPipe and control characters', () => {
  class NameDto {
    @IsString()
    name: string;
  }

  it('refuses a NUL byte in a body field, naming it, before the DTO rules', async () => {
    const pipe = createValidationPipe();
    const refusal = pipe.transform({ name: 'North\u0000' }, { type: 'body', metatype: NameDto, data: '' });
    await expect(refusal).rejects.toMatchObject({
      details: { errors: [{ field: 'name', message: 'must not contain a control character' }] },
    });
  });

  it('refuses one deep in JSON a page form carried as text (validateInput passes it here)', async () => {
    const pipe = createValidationPipe();
    const definition = JSON.parse('{"domains":[{"title":"Safety\\u0000"}]}') as unknown;
    const refusal = pipe.transform({ name: 'x', definition }, { type: 'body', metatype: NameDto, data: '' });
    await expect(refusal).rejects.toMatchObject({
      details: {
        errors: [{ field: 'definition.domains[0].title', message: 'must not contain a control character' }],
      },
    });
  });
});

describe('IsPlainText', () => {
  class TeamDto {
    @IsPlainText(TEXT_LIMITS.teamName)
    name: string;
  }

  it.each<[unknown, string | null]>([
    ['North CIN', null],
    ['😀'.repeat(TEXT_LIMITS.teamName), null],
    ['t'.repeat(TEXT_LIMITS.teamName + 1), `name must be at most ${TEXT_LIMITS.teamName} characters`],
    ['North\nCIN', 'name must not contain a control character'],
    // Refused before the DTO's rules, by the check every body passes (body-shape.ts).
    ['North\u0085', 'must not contain a control character'],
    [42, 'name must be a string'],
  ])('%j → %j', async (name, message) => {
    const result = createValidationPipe().transform({ name }, { type: 'body', metatype: TeamDto, data: '' });
    if (message === null) await expect(result).resolves.toEqual({ name });
    else await expect(result).rejects.toMatchObject({ details: { errors: [{ field: 'name', message }] } });
  });
});
