import { newSignInCsrfToken, validSignInCsrf } from './web-session.js';

describe('validSignInCsrf (the sign-in form’s signed double-submit token)', () => {
  const good = newSignInCsrfToken();
  const [nonce, signature] = good.split('.');
  const other = newSignInCsrfToken();

  it.each([
    ['the token the server made, in both places', good, good, true],
    ['no cookie', undefined, good, false],
    ['no posted token', good, undefined, false],
    ['an equal pair the server did not sign', 'abc', 'abc', false],
    [
      'an equal pair with a made-up signature',
      `${nonce}.${'x'.repeat(signature.length)}`,
      `${nonce}.${'x'.repeat(signature.length)}`,
      false,
    ],
    [
      'a signature moved to another nonce',
      `${'n'.repeat(nonce.length)}.${signature}`,
      `${'n'.repeat(nonce.length)}.${signature}`,
      false,
    ],
    ['two good tokens that differ', good, other, false],
    ['an extra part', `${good}.x`, `${good}.x`, false],
    ['a posted array', good, [good], false],
  ])('%s', (_case, cookieToken, posted, expected) => {
    expect(validSignInCsrf(cookieToken, posted)).toBe(expected);
  });
});
