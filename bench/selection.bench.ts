/**
 * bench/selection: import a generated 100,000-case CSV and open a cycle over it, on SQLite.
 *
 *   npm run bench            (builds, then runs dist/bench/selection.bench.js)
 *   BENCH_CASES=20000 npm run bench
 *
 * Prints rows/s for the import next to the floor measured in the same run: a raw
 * better-sqlite3 prepared-statement insert of the same rows in one transaction. Goals: import
 * within 3x of the floor; opening the cycle (10,000 audits selected, allocated, stored) < 2 s.
 */
import 'reflect-metadata';
import { seedBenchOrg } from './bench-org.js';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { CasesImportService } from '../libs/cases/index.js';
import { CyclesService } from '../libs/cycles/index.js';
import { Db } from '../libs/persistence/index.js';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const TEAMS = 40;
const COHORTS = ['CIN', 'CP', 'CLA', 'CL'];
const dir = join(process.cwd(), '.tmp', 'bench');

function generateCsv(): { csv: string; rows: string[][] } {
  const rows: string[][] = [];
  for (let i = 0; i < CASES; i++) {
    const team = `Team ${String(i % TEAMS).padStart(2, '0')}`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    rows.push([
      `B${String(i).padStart(7, '0')}`,
      COHORTS[(i * 7) % 4],
      team,
      `${team} worker ${i % 6}`,
      `2025-03-${day}`,
    ]);
  }
  const csv = ['case_ref,cohort,team,worker,opened_on', ...rows.map((r) => r.join(','))].join('\n');
  return { csv, rows };
}

/** The floor: the same rows through one prepared statement in one transaction, no ORM. */
function floorInsert(rows: string[][]): number {
  const file = join(dir, 'floor.sqlite');
  rmSync(file, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE cases (id INTEGER PRIMARY KEY AUTOINCREMENT, case_ref varchar(64) NOT NULL UNIQUE,
    cohort_code varchar(20) NOT NULL, team_id integer NOT NULL, worker varchar(120), opened_on varchar(10) NOT NULL)`);
  const insert = db.prepare(
    'INSERT INTO cases (case_ref, cohort_code, team_id, worker, opened_on) VALUES (?, ?, ?, ?, ?)',
  );
  const started = performance.now();
  db.transaction(() => {
    for (const r of rows) insert.run(r[0], r[1], Number(r[2].slice(5)), r[3], r[4]);
  })();
  const elapsed = performance.now() - started;
  db.close();
  return elapsed;
}

async function main(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'bench.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  process.env.DATABASE_URL = `sqlite:${file}`;
  const { csv, rows } = generateCsv();
  const floorMs = floorInsert(rows);

  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  const db = app.get(Db);
  await db.dataSource.runMigrations();
  await seedBenchOrg(db, { teams: TEAMS, moderators: 0 });

  const importStarted = performance.now();
  const result = await app.get(CasesImportService).importRegister({
    files: [{ name: 'bench.csv', content: Buffer.from(csv) }],
    asOf: '2026-11-30',
    actor: 'bench',
    parseOnCaller: true, // as the CLI imports (bench:import measures the server path)
  });
  const importMs = performance.now() - importStarted;
  if (result.imported !== CASES) throw new Error(`imported ${result.imported} of ${CASES}`);

  const reimportStarted = performance.now();
  await app.get(CasesImportService).importRegister({
    files: [{ name: 'bench.csv', content: Buffer.from(csv) }],
    asOf: '2026-11-30',
    actor: 'bench',
    parseOnCaller: true, // as the CLI imports (bench:import measures the server path)
  });
  const reimportMs = performance.now() - reimportStarted;

  const openStarted = performance.now();
  const openCpu = process.cpuUsage();
  const cycle = await app
    .get(CyclesService)
    .open({ month: '2026-12', seed: 'bench', tier3Count: 2 }, { id: null, label: 'bench' });
  const openMs = performance.now() - openStarted;
  const openCpuUsed = process.cpuUsage(openCpu);
  await app.close();

  const perSecond = (ms: number) => Math.round(CASES / (ms / 1000)).toLocaleString('en-GB');
  console.log(
    `bench/selection on SQLite (better-sqlite3), ${CASES.toLocaleString('en-GB')} cases, ${TEAMS} teams`,
  );
  console.log(
    `  floor: raw prepared insert, one transaction   ${floorMs.toFixed(0).padStart(6)} ms  ${perSecond(floorMs)} rows/s`,
  );
  console.log(
    `  import CSV (parse + upsert + counts)          ${importMs.toFixed(0).padStart(6)} ms  ${perSecond(importMs)} rows/s  (${(importMs / floorMs).toFixed(2)}x floor; goal <= 3x)`,
  );
  console.log(
    `  re-import same file (all unchanged)           ${reimportMs.toFixed(0).padStart(6)} ms  ${perSecond(reimportMs)} rows/s`,
  );
  console.log(
    `  open cycle: ${cycle.eligible.toLocaleString('en-GB')} eligible, ${cycle.selected.toLocaleString('en-GB')} selected, ${cycle.allocated.toLocaleString('en-GB')} allocated  ${(openMs / 1000).toFixed(2)} s, ` +
      // CPU time too: on a shared machine the wall time moves with everyone else's work.
      `${((openCpuUsed.user + openCpuUsed.system) / 1e6).toFixed(2)} s CPU (goal < 2 s)`,
  );
}

void main();
