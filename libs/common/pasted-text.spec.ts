import { tidyPastedForm, tidyPastedText } from './pasted-text.js';

describe('tidyPastedText', () => {
  it.each([
    ['a line break Word wrote as a vertical tab', 'First line\u000bsecond line', 'First line\nsecond line'],
    ['a form feed', 'Page one\u000cpage two', 'Page one\npage two'],
    ['a NEL', 'One\u0085two', 'One\ntwo'],
    ['a NUL byte, dropped', 'Ca\u0000se', 'Case'],
    ['a C1 control, dropped', 'Ca\u009bse', 'Case'],
    ['tab, line feed and return, kept', 'a\tb\r\nc', 'a\tb\r\nc'],
    ['letters beyond ASCII, kept', 'Zoë’s “plan” ✓', 'Zoë’s “plan” ✓'],
  ])('%s', (_what, pasted, kept) => {
    expect(tidyPastedText(pasted)).toBe(kept);
  });
});

describe('tidyPastedForm', () => {
  it('tidies every string and every string in a repeated field, leaving other values', () => {
    const body: Record<string, unknown> = { said: 'a\u000bb', cohorts: ['C\u0000L', 'CP'], n: 3 };
    tidyPastedForm(body);
    expect(body).toEqual({ said: 'a\nb', cohorts: ['CL', 'CP'], n: 3 });
  });
});
