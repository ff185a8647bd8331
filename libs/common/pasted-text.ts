/**
 * Text pasted into a page form as a person meant it. Word writes a line break within a paragraph
 * as a vertical tab, and some systems copy form feeds or a NEL (U+0085): these become line breaks.
 * Any other control character is invisible and was never typed, so it is dropped. Without this
 * the whole form was refused on an error page and the long answer around it was lost.
 */
// eslint-disable-next-line no-control-regex -- turning control characters into text is the point
const LINE_BREAKS = /[\u000b\u000c\u0085]/g;
// eslint-disable-next-line no-control-regex -- as above; tab, line feed and return stay
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

export function tidyPastedText(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(INVISIBLE, '');
}

/** Every string in a flat form body (pages read forms flat), tidied in place. */
export function tidyPastedForm(body: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') body[key] = tidyPastedText(value);
    else if (Array.isArray(value))
      body[key] = value.map((v) => (typeof v === 'string' ? tidyPastedText(v) : v));
  }
}
