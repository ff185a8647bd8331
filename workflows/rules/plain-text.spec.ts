import fc from 'fast-check';
import { characterCount, hasControlCharacter, plainTextProblem } from './plain-text.js';

describe('characterCount', () => {
  it.each<[string, number]>([
    ['', 0],
    ['abc', 3],
    ['Zoë', 3],
    ['😀', 1],
    ['❤️', 2], // heart + variation selector: two code points, as PostgreSQL counts them
    ['a\ud800b', 3], // a lone surrogate still counts as one
  ])('%j has %d characters', (text, count) => {
    expect(characterCount(text)).toBe(count);
  });

  it('is the number of code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => characterCount(text) === [...text].length),
    );
  });
});

describe('hasControlCharacter', () => {
  it.each<[string, boolean, boolean]>([
    ['plain text', false, false],
    ['NUL\u0000', true, true],
    ['bell\u0007', true, true],
    ['tab\t', true, false],
    ['line\nbreak', true, false],
    ['carriage\rreturn', true, false],
    ['DEL\u007f', true, true],
    ['C1 next line\u0085', true, true],
    ['C1 end\u009f', true, true],
    ['no-break\u00a0space', false, false],
    ['zero\u200bwidth', false, false],
    ['Zoë 😀', false, false],
  ])('%j: in a name %s, in prose %s', (text, inName, inProse) => {
    expect(hasControlCharacter(text)).toBe(inName);
    expect(hasControlCharacter(text, true)).toBe(inProse);
  });
});

describe('plainTextProblem', () => {
  it.each<[string, string | null]>([
    ['x'.repeat(64), null],
    ['😀'.repeat(64), null],
    ['x'.repeat(65), 'must be at most 64 characters'],
    ['❤️'.repeat(32) + 'x', 'must be at most 64 characters'],
    ['ab\u0000c', 'must not contain a control character'],
    ['two\nlines', 'must not contain a control character'],
    ['half \ud83d pair', 'must be valid Unicode text'],
    ['\udc00', 'must be valid Unicode text'],
  ])('%j → %j', (text, problem) => {
    expect(plainTextProblem(text, { max: 64 })).toBe(problem);
  });

  it('lets prose hold tabs and line breaks, never NUL', () => {
    expect(plainTextProblem('a\tb\r\nc', { max: 10, prose: true })).toBeNull();
    expect(plainTextProblem('a\u0000b', { max: 10, prose: true })).toBe(
      'must not contain a control character',
    );
  });
});
