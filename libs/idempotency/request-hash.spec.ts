import { canonicalJson, requestHash, withoutSecrets } from './request-hash.js';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ a: { d: [1, { f: 1, e: 2 }], c: null } }, '{"a":{"c":null,"d":[1,{"e":2,"f":1}]}}'],
    [{ a: undefined, b: 'x' }, '{"b":"x"}'],
    [undefined, 'null'],
    ['text', '"text"'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});

describe('requestHash: which requests count as the same', () => {
  const base = { method: 'POST', url: '/api/v1/audits/1/escalations', body: { reason: 'unsafe', n: 1 } };
  const file = (content: string) => ({
    fieldname: 'files',
    originalname: 'r.csv',
    buffer: Buffer.from(content),
  });

  it.each([
    ['keys in another order', { ...base, body: { n: 1, reason: 'unsafe' } }, true],
    [
      'the CSRF token and form token differ',
      { ...base, body: { ...base.body, _csrf: 'a', _formToken: 'b' } },
      true,
    ],
    ['the method is lower case', { ...base, method: 'post' }, true],
    ['another body', { ...base, body: { reason: 'other', n: 1 } }, false],
    ['another address', { ...base, url: '/api/v1/audits/2/escalations' }, false],
    ['another method', { ...base, method: 'PUT' }, false],
    ['a number sent as text', { ...base, body: { reason: 'unsafe', n: '1' } }, false],
    [
      'only a password differs (secrets are not hashed)',
      { ...base, body: { ...base.body, password: 'x' } },
      true,
    ],
  ])('%s → same: %s', (_case, other, same) => {
    expect(requestHash(other) === requestHash(base)).toBe(same);
  });

  it('compares uploaded files by their content', () => {
    const upload = { method: 'POST', url: '/api/v1/cases/import', body: {} };
    const a = requestHash({ ...upload, files: [file('a,b')] });
    expect(requestHash({ ...upload, files: [file('a,b')] })).toBe(a);
    expect(requestHash({ ...upload, files: [file('a,c')] })).not.toBe(a);
  });
});

describe('withoutSecrets: what of an answer is stored for a replay', () => {
  it.each([
    [
      { id: 1, username: 'a', generatedPassword: 'p' },
      { id: 1, username: 'a' },
    ],
    [
      { id: 2, token: 't', nested: { password: 'kept: only the top level is an answer’s own' } },
      { id: 2, nested: { password: 'kept: only the top level is an answer’s own' } },
    ],
    [null, null],
  ])('%j → %j', (body, expected) => {
    expect(withoutSecrets(body)).toEqual(expected);
  });
});
