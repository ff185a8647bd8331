import type { TrackerPage } from '../../../libs/actions/index.js';

/** The tracker as an operator reads it in a terminal: one line per action, the latest first. */
export function formatActions(page: TrackerPage): string {
  const lines = page.items.map((a) => {
    const late = a.overdue
      ? `${a.daysOverdue} day${a.daysOverdue === 1 ? '' : 's'} overdue`
      : `due ${a.dueOn}`;
    return `#${a.id}  ${a.caseRef}  ${a.stateName}  ${late}  ${a.owner} (${a.team})  ${a.what.replace(/\s+/g, ' ').slice(0, 60)}`;
  });
  const shown =
    page.total > page.items.length
      ? ` (showing ${page.items.length} from ${(page.page - 1) * page.pageSize + 1}: use --page)`
      : '';
  lines.push(
    `${page.total} action${page.total === 1 ? '' : 's'}${shown}; ${page.counts.overdue} overdue on ${page.today}.`,
  );
  return `${lines.join('\n')}\n`;
}
