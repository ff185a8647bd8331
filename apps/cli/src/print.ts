import type { AuditViewService } from '../../../libs/audits/index.js';
import type { ImportProgress, ImportResult } from '../../../libs/cases/index.js';
import type { CycleWithAudits } from '../../../libs/cycles/index.js';
import type { DemoResult } from '../../../libs/demo/index.js';

/** Where the CLI writes: process streams in production, a buffer in tests. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal, where progress may redraw one line (main.ts asks the process). */
  stderrIsTTY?: boolean;
}

const PHASE_WORDS: Record<ImportProgress['phase'], string> = {
  reading: 'reading the file',
  checking: 'checking rows',
  saving: 'saving rows',
  applying: 'applying changes',
  done: 'done',
};

/** One line of import progress, for a terminal: "Importing: saving rows 40,000 of 100,000 (40%)". */
export function formatProgress(progress: ImportProgress, dryRun = false): string {
  const verb = dryRun ? 'Checking (dry run)' : 'Importing';
  const { done, total, phase } = progress;
  if (total === 0) return `${verb}: ${PHASE_WORDS[phase]}`;
  const percent = Math.floor((done / total) * 100);
  return `${verb}: ${PHASE_WORDS[phase]} ${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} (${percent}%)`;
}

/**
 * Progress redrawn on one terminal line (carriage return, clear to end of line), and cleared
 * when the work ends; a no-op unless stderr is a terminal and the output is not --json.
 */
export function terminalProgress(
  out: CliOutput,
  enabled: boolean,
  dryRun: boolean,
): { report?: (progress: ImportProgress) => void; end: () => void } {
  if (!enabled || !out.stderrIsTTY) return { end: () => undefined };
  let drawn = false;
  return {
    report: (progress) => {
      drawn = true;
      out.stderr(`\r${formatProgress(progress, dryRun)}\x1b[K`);
    },
    end: () => {
      if (drawn) out.stderr('\r\x1b[K');
    },
  };
}

/** `--json` prints exactly one JSON document on stdout, for cron jobs and scripts. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function formatImport(result: ImportResult): string {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  if (result.dryRun) log('Dry run: nothing was written. The import would give:');
  log(
    `Imported ${result.imported}, updated ${result.updated}, closed ${result.closed}, unchanged ${result.unchanged}, ` +
      `rejected ${result.rejected.length} (${result.format}, as of ${result.asOf})`,
  );
  if (result.newTeams.length) log(`New teams: ${result.newTeams.join(', ')}`);
  if (result.wouldRefuse) log(`It would be refused: ${result.wouldRefuse}`);
  for (const r of result.rejected.slice(0, 50))
    log(`  row ${r.row}${r.source ? ` (${r.source})` : ''}: ${r.reason}`);
  if (result.rejected.length > 50) log(`  … and ${result.rejected.length - 50} more (use --json for all)`);
  return `${lines.join('\n')}\n`;
}

export function formatCycle(doc: CycleWithAudits): string {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  log(`Cycle ${doc.id}: ${doc.kind} ${doc.month}${doc.title ? ` "${doc.title}"` : ''}, ${doc.state}`);
  log(`Seed ${doc.seed}  rate ${doc.count ?? doc.rate}  as of ${doc.asOf}  deadline ${doc.deadline}`);
  log(
    `Open ${doc.open}, eligible ${doc.eligible}, selected ${doc.selected}, allocated ${doc.allocated}, ` +
      `unallocated ${doc.unallocated}, started ${doc.started}, withdrawn ${doc.byState.withdrawn ?? 0}`,
  );
  log('\nStrata (team / cohort: open, eligible, quota → selected)');
  for (const s of doc.strata)
    log(`  ${s.team} / ${s.cohort}: ${s.open}, ${s.eligible}, ${s.quota} → ${s.selected}`);
  const unallocated = doc.audits.filter((a) => a.state === 'unallocated');
  if (unallocated.length) {
    log('\nUnallocated');
    for (const a of unallocated) log(`  ${a.caseRef} (${a.team}): ${a.unallocatedReason}`);
  }
  log(`\n${doc.audits.length} audits; --json lists each with its auditor.`);
  return `${lines.join('\n')}\n`;
}

export function formatDemo(result: DemoResult): string {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  if (!result.loaded) return `The database already has ${result.users} users: demo data not loaded.\n`;
  log(`Demo council loaded: ${result.users} users, ${result.cases} open cases.`);
  if (result.cycle) {
    log(
      `The ${result.cycle.month} cycle is open: ${result.cycle.selected} audits allocated (cycle ${result.cycle.id}).`,
    );
  }
  log(`Every demo login has the password "${result.password}". For example:`);
  for (const login of result.logins)
    log(`  ${login.username.padEnd(18)} ${login.role.padEnd(22)} ${login.where}`);
  return `${lines.join('\n')}\n`;
}

type AuditView = Awaited<ReturnType<AuditViewService['show']>>;

export function formatAudit(audit: AuditView): string {
  const lines = [
    `Audit ${audit.id}: case ${audit.caseRef} (${audit.team}, ${audit.cohort}), ${audit.state}`,
    `Cycle ${audit.cycle.id} ${audit.cycle.month}; auditor ${audit.auditor?.name ?? 'none'}; tool ${audit.tool ? `${audit.tool.key} v${audit.tool.version}` : 'not started'}`,
  ];
  if (audit.overallGrade) lines.push(`Overall grade: ${audit.overallGrade}`);
  if (audit.moderation?.overallGrade) {
    lines.push(
      `Moderated: ${audit.moderation.overallGrade} (${audit.moderation.agreed ? 'agrees' : 'differs'})`,
    );
  }
  for (const g of audit.grades) lines.push(`  ${g.source.padEnd(9)} ${g.domainKey.padEnd(22)} ${g.grade}`);
  for (const e of audit.escalations) {
    lines.push(`Escalation ${e.id}: ${e.state}, raised ${e.raisedAt}`);
    if (e.response) lines.push(`  response: ${e.response}`);
  }
  if (audit.familyFeedback) {
    const { from, how, said } = audit.familyFeedback;
    lines.push(`Family feedback (${from}, ${how}): ${said}`);
  }
  lines.push('History:');
  for (const h of audit.history) {
    lines.push(`  ${h.at}  ${h.event.padEnd(20)} ${h.fromState || '-'} → ${h.toState}  ${h.actorLabel}`);
    // A change that replaced an earlier version (feedback, discussion) prints what it replaced.
    if (h.earlier) lines.push(`    replaced: ${JSON.stringify(h.earlier)}`);
  }
  return `${lines.join('\n')}\n`;
}
