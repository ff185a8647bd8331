import type { ImportResult } from '../../../libs/cases/cases-import.service.js';
import type { CycleDocument } from '../../../libs/cycles/cycle-document.js';
import type { DemoResult } from '../../../libs/demo/demo.service.js';

/** `--json` prints exactly one JSON document on stdout, for cron jobs and scripts. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printImport(result: ImportResult): void {
  console.log(
    `Imported ${result.imported}, updated ${result.updated}, closed ${result.closed}, unchanged ${result.unchanged}, ` +
      `rejected ${result.rejected.length} (${result.format}, as of ${result.asOf})`,
  );
  if (result.newTeams.length) console.log(`New teams: ${result.newTeams.join(', ')}`);
  for (const r of result.rejected.slice(0, 50))
    console.log(`  row ${r.row}${r.source ? ` (${r.source})` : ''}: ${r.reason}`);
  if (result.rejected.length > 50)
    console.log(`  … and ${result.rejected.length - 50} more (use --json for all)`);
}

export function printCycle(doc: CycleDocument): void {
  console.log(`Cycle ${doc.id}: ${doc.kind} ${doc.month}${doc.title ? ` "${doc.title}"` : ''}, ${doc.state}`);
  console.log(`Seed ${doc.seed}  rate ${doc.count ?? doc.rate}  as of ${doc.asOf}  deadline ${doc.deadline}`);
  console.log(
    `Open ${doc.open}, eligible ${doc.eligible}, selected ${doc.selected}, allocated ${doc.allocated}, unallocated ${doc.unallocated}`,
  );
  console.log('\nStrata (team / cohort: open, eligible, quota → selected)');
  for (const s of doc.strata)
    console.log(`  ${s.team} / ${s.cohort}: ${s.open}, ${s.eligible}, ${s.quota} → ${s.selected}`);
  const unallocated = doc.audits.filter((a) => a.status === 'unallocated');
  if (unallocated.length) {
    console.log('\nUnallocated');
    for (const a of unallocated) console.log(`  ${a.caseRef} (${a.team}): ${a.unallocatedReason}`);
  }
  console.log(`\n${doc.audits.length} audits; --json lists each with its auditor.`);
}

export function printDemo(result: DemoResult): void {
  if (!result.loaded) {
    console.log(`The database already has ${result.users} users: demo data not loaded.`);
    return;
  }
  console.log(`Demo council loaded: ${result.users} users, ${result.cases} open cases.`);
  console.log(`Every demo login has the password "${result.password}". For example:`);
  for (const login of result.logins)
    console.log(`  ${login.username.padEnd(18)} ${login.role.padEnd(22)} ${login.where}`);
}
