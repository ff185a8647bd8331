/**
 * Text with nothing a reader could see: empty, spaces, tabs, line breaks, or invisible
 * characters such as zero-width spaces. Anything that is not a string counts as blank, so a
 * number or object from a careless client is refused rather than crashing a rule.
 */
export function isBlank(text: unknown): boolean {
  return typeof text !== 'string' || !VISIBLE.test(text);
}

/** A letter, digit, punctuation mark or symbol: what makes a reason readable. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
