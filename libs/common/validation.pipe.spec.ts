import { isBlank } from './blank-text.js';
import { DomainError } from './domain-error.js';
import { ParseIdPipe } from './validation.pipe.js';

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
