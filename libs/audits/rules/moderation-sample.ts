import { rankKey } from '../../common/index.js';

/**
 * Whether a submitted audit goes to moderation: when the cycle's seeded draw puts it inside the
 * moderation share, or when its auditor has had none of their audits moderated this quarter
 * (every auditor is moderated at least once a quarter). Reproducible from the cycle's seed.
 */
export function chosenForModeration(input: {
  seed: string;
  caseRef: string;
  share: number;
  auditorModeratedThisQuarter: boolean;
}): boolean {
  if (!input.auditorModeratedThisQuarter) return true;
  const draw = parseInt(rankKey(input.seed, 'moderation', input.caseRef).slice(0, 8), 16) / 0x100000000;
  return draw < input.share;
}

/** The calendar quarter of a date, e.g. 2026-Q4, and its first and last day. */
export function quarterOf(date: string): { label: string; from: string; to: string } {
  const year = Number(date.slice(0, 4));
  const quarter = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  const from = `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-01`;
  const toMonth = quarter * 3 + 3;
  const to = new Date(Date.UTC(year, toMonth, 0)).toISOString().slice(0, 10);
  return { label: `${year}-Q${quarter + 1}`, from, to };
}
