/** The share of open cases a full import may close without the operator confirming the number. */
export const DEFAULT_MAX_CLOSURE_SHARE = 0.1;

/** `IMPORT_MAX_CLOSURE_SHARE` (0 to 1), or the default; a value that is not a share is a startup error. */
export function maxClosureShare(value = process.env.IMPORT_MAX_CLOSURE_SHARE): number {
  if (value === undefined || value.trim() === '') return DEFAULT_MAX_CLOSURE_SHARE;
  const share = Number(value);
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new Error(`IMPORT_MAX_CLOSURE_SHARE must be a number from 0 to 1, not ${value}`);
  }
  return share;
}

export interface ClosureFacts {
  full: boolean;
  /** Cases open before the import. */
  openBefore: number;
  /** Cases the import closes (named closed in the file, or, when full, missing from it). */
  closing: number;
  maxShare: number;
  /** The number the operator states; it must be exactly `closing`. */
  confirmed?: number;
}

/**
 * Why an import must not go ahead, or null. A full import of the wrong file (a header-only CSV,
 * another council's extract) closes the whole register; closing more than the allowed share of
 * open cases therefore needs the operator to state the exact number, which they can only know
 * from a dry run or the refusal itself. A stated number that is not the real one is refused too.
 */
export function closureProblem(facts: ClosureFacts): string | null {
  const { closing, openBefore, confirmed } = facts;
  const of = `${closing} of the ${openBefore} open cases`;
  if (confirmed !== undefined) {
    return confirmed === closing ? null : `this import would close ${of}, not ${confirmed}`;
  }
  if (!facts.full || closing <= facts.maxShare * openBefore) return null;
  return (
    `this full import would close ${of}, more than the ${facts.maxShare * 100}% allowed without ` +
    `confirmation; confirm with exactly ${closing} if that is intended`
  );
}
