import { commonPasswords } from './common-passwords.js';
import { passwordProblems } from './password-rules.js';

const common = new Set(['password123', 'qwertyuiop', '1234567890']);

describe('passwordProblems', () => {
  it.each([
    ['a long unusual passphrase', 'kettle-orbit-violet-42', undefined, null],
    ['too short', 'short-pw1', undefined, 'password must be 10 to 200 characters'],
    ['too long', 'x'.repeat(201), undefined, 'password must be 10 to 200 characters'],
    ['on the list', 'password123', undefined, 'password is on a list of commonly used passwords'],
    [
      'on the list in other case',
      'QwertyUiop',
      undefined,
      'password is on a list of commonly used passwords',
    ],
    ['on the list with spaces round it', ' 1234567890 ', undefined, 'password is on a list'],
    ['the username', 'maria.jones', undefined, 'password must not be the username'],
    ['the username in capitals', 'MARIA.JONES', undefined, 'password must not be the username'],
    ['the current one again', 'kettle-orbit-violet-42', 'kettle-orbit-violet-42', 'must be different'],
    ['a new one', 'kettle-orbit-violet-43', 'kettle-orbit-violet-42', null],
  ])('%s', (_case, password, current, expected) => {
    const problems = passwordProblems(password, { username: 'maria.jones', common, current });
    if (expected === null) expect(problems).toEqual([]);
    else expect(problems).toEqual([{ field: 'password', message: expect.stringContaining(expected) }]);
  });
});

describe('the shipped common-password list', () => {
  it('holds tens of thousands of passwords, lower-cased, read once', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(40_000);
    expect(list.has('password')).toBe(true);
    expect(list.has('password123')).toBe(true);
    expect(commonPasswords()).toBe(list);
  });

  it('refuses, through it, the common passwords that are long enough to pass the length rule', () => {
    for (const password of ['password123', '1q2w3e4r5t', 'Manchester', 'basketball'])
      expect(passwordProblems(password, { username: 'x', common: commonPasswords() })).toHaveLength(1);
  });

  it('does not hold the demo and test passwords', () => {
    expect(commonPasswords().has('demo-password')).toBe(false);
    expect(commonPasswords().has('test-password-1')).toBe(false);
  });
});
