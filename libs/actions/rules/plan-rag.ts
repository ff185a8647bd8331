/**
 * An improvement-plan item's RAG status, from what its linked actions add up to. Pure: the
 * counts come from one GROUP BY over the actions (plan-items.service.ts), so the rule never
 * sees an action, only these numbers.
 */
export interface PlanActionCounts {
  /** Every action citing the item, whatever its state. */
  total: number;
  /** Closed: done and verified. */
  closed: number;
  /** Closed or cancelled: nothing more will happen. */
  resolved: number;
  /** Work owed (open or in progress) and due before today. */
  overdue: number;
  /** Work owed and due from today to today + DUE_SOON_DAYS. */
  dueSoon: number;
}

export const PLAN_RAG = ['blue', 'red', 'amber', 'green', 'none'] as const;
export type PlanRag = (typeof PLAN_RAG)[number];

/** "Due within 14 days and not done": today and the 14 days after it. */
export const DUE_SOON_DAYS = 14;

/**
 * In order of precedence:
 * 1. no actions at all, or every one cancelled: `none` (no colour; nothing is being done yet);
 * 2. every action closed or cancelled, at least one closed: `blue` (complete);
 * 3. any overdue: `red`;
 * 4. any due within 14 days and not done: `amber`;
 * 5. otherwise `green` (on track: due later, or done and waiting to be verified).
 * Red beats amber beats green; blue only when nothing is left to do, which also means nothing
 * is overdue or due.
 */
export function planRag(counts: PlanActionCounts): PlanRag {
  if (counts.resolved === counts.total) return counts.closed > 0 ? 'blue' : 'none';
  if (counts.overdue > 0) return 'red';
  if (counts.dueSoon > 0) return 'amber';
  return 'green';
}

const WORDS: Record<Exclude<PlanRag, 'none'>, string> = {
  blue: 'Blue: complete',
  red: 'Red: overdue',
  amber: 'Amber: due soon',
  green: 'Green: on track',
};

/** The status in words, so no page says it by colour alone. */
export function planRagWords(rag: PlanRag, total: number): string {
  if (rag !== 'none') return WORDS[rag];
  return total === 0 ? 'No actions yet' : 'No actions left: all cancelled';
}

/** `day` (YYYY-MM-DD) moved on by `days` calendar days. */
export function plusDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
