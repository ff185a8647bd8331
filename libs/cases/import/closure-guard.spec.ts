import { closureProblem, DEFAULT_MAX_CLOSURE_SHARE, maxClosureShare } from './closure-guard.js';

describe('closureProblem: how many closures a full import may make without confirmation', () => {
  const base = { full: true, openBefore: 100, maxShare: 0.1 };

  it.each([
    ['a full import closing the allowed share', { closing: 10 }, null],
    [
      'a full import closing more than the share',
      { closing: 11 },
      /would close 11 of the 100 open cases, more than the 10%/,
    ],
    ['a header-only file closing everything', { closing: 100 }, /would close 100 of the 100/],
    ['the exact number confirmed', { closing: 100, confirmed: 100 }, null],
    ['a wrong number confirmed', { closing: 100, confirmed: 99 }, /would close 100 .*, not 99/],
    ['a number confirmed where none was needed, but wrong', { closing: 3, confirmed: 4 }, /not 4/],
    ['an import that is not full, however many it closes', { full: false, closing: 80 }, null],
    ['an empty register', { openBefore: 0, closing: 0 }, null],
  ])('%s', (_name, facts, expected) => {
    const problem = closureProblem({ ...base, ...facts });
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe('maxClosureShare: IMPORT_MAX_CLOSURE_SHARE', () => {
  it.each([
    [undefined, DEFAULT_MAX_CLOSURE_SHARE],
    ['', DEFAULT_MAX_CLOSURE_SHARE],
    ['0.25', 0.25],
    ['0', 0],
    ['1', 1],
  ])('%p gives %p', (value, share) => {
    expect(maxClosureShare(value)).toBe(share);
  });

  it.each(['-0.1', '1.5', 'ten percent'])('refuses %p', (value) => {
    expect(() => maxClosureShare(value)).toThrow(/IMPORT_MAX_CLOSURE_SHARE must be a number from 0 to 1/);
  });
});
