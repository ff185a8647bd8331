import { SharedStrings } from './shared-strings.js';

describe('SharedStrings', () => {
  it.each([0, 1, 4095, 4096, 4097, 10_000])('gives back each of %i strings as added', (count) => {
    const strings = new SharedStrings();
    const added = Array.from({ length: count }, (_, i) => (i % 7 === 0 ? '' : `s${i}·é`));
    added.forEach((text) => strings.add(text));
    expect(strings.length).toBe(count);
    expect(added.map((_, i) => strings.get(i))).toEqual(added);
    const array = strings.asArray();
    expect(added.map((_, i) => array[i])).toEqual(added);
  });

  it.each([-1, 3, 1.5, Number.NaN])('has nothing at index %p', (index) => {
    const strings = new SharedStrings();
    ['a', 'b', 'c'].forEach((text) => strings.add(text));
    expect(strings.get(index)).toBeUndefined();
  });

  it('can be read while strings are still being added', () => {
    const strings = new SharedStrings();
    strings.add('a');
    expect(strings.get(0)).toBe('a');
    strings.add('b');
    expect([strings.get(0), strings.get(1)]).toEqual(['a', 'b']);
  });
});
