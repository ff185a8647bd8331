import { formHref, returnHref, returnToOf } from './return-to.js';

describe('returnTo: only a page on the list, never an address', () => {
  it.each([
    ['check', 'check'],
    ['https://evil.example/', null],
    ['//evil.example', null],
    ['/audits/1/check', null],
    ['toString', null],
    ['constructor', null],
    ['', null],
    [undefined, null],
    [['check'], null],
  ])('%p → %p', (value, expected) => {
    expect(returnToOf(value)).toBe(expected);
  });

  it('goes back to the named page of the audit, or to the fallback', () => {
    expect(returnHref('/audits/7', 'check')).toBe('/audits/7/check');
    expect(returnHref('/audits/7', 'https://evil.example/')).toBe('/audits/7');
    expect(returnHref('/audits/7', undefined, '/audits/7/grading')).toBe('/audits/7/grading');
  });

  it('addresses a form that comes back to check your answers', () => {
    expect(formHref('/audits/7', 'grading')).toBe('/audits/7/grading?returnTo=check');
  });
});
