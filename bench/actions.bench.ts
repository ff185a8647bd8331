/**
 * bench/actions: the overdue job over 1,000,000 actions, on SQLite and on PostgreSQL.
 *
 *   npm run bench:actions     (builds, then runs dist/bench/actions.bench.js)
 *   BENCH_ACTIONS=200000 npm run bench:actions
 *   BENCH_ENGINES=sqlite (or postgres; both by default)
 *   BENCH_POSTGRES_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres (the default; skipped if none answers)
 *
 * Setup (timed, not judged): a register of 40 cases, one per team, a cycle over them (40 audits),
 * then BENCH_ACTIONS actions bulk-inserted: 10% overdue (1–60 days), 5% due within a week, 35%
 * due later, half done, closed or cancelled. Then, on the same day, the bare SQL that finds the
 * job's candidates (every step and work-owed state, no batches, no claims), and the job itself:
 * it reads the same candidates in batches, claims each notice, queues the notifications and
 * writes the escalations' history rows. A second run of the job (nothing left to send) is timed
 * next to the same bare SQL, which by then finds nothing. Goal: the job under 5 s and within 3x
 * the bare query.
 *
 * The tracker page's server time at this size (p50, p95, the page within 2x its JSON) belongs
 * here too: seedBenchActions (bench-actions.ts) seeds the same actions for it; add a
 * `measureTracker(app)` step after the job in `benchEngine` once the tracker exists.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { CliModule } from '../apps/cli/src/cli.module.js';
import {
  ACTION_JOB_CONFIG,
  type ActionJobConfig,
  noticeWindows,
  OverdueJobService,
  readAllCandidates,
} from '../libs/actions/index.js';
import { CasesImportService } from '../libs/cases/index.js';
import { CyclesService } from '../libs/cycles/index.js';
import { Db } from '../libs/persistence/index.js';
import { benchTeam, seedBenchOrg } from './bench-org.js';
import { seedBenchActions } from './bench-actions.js';

const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 1_000_000);
const TEAMS = 40;
const TODAY = '2027-01-15';
const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresUrl(): Promise<string | null> {
  const name = `case_audit_bench_actions${process.env.TEST_DB_TAG ?? ''}`;
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch {
    return null;
  }
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

async function benchEngine(label: string, databaseUrl: string): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const db = app.get(Db);
    await db.dataSource.runMigrations();
    await seedBenchOrg(db, { teams: TEAMS, moderators: 0 });
    const csv = [
      'case_ref,cohort,team,worker,opened_on',
      ...Array.from(
        { length: TEAMS },
        (_, t) => `A${t},CP,${benchTeam(t)},${benchTeam(t)} worker,2025-03-01`,
      ),
    ].join('\n');
    await app.get(CasesImportService).importRegister({
      files: [{ name: 'bench.csv', content: Buffer.from(csv) }],
      asOf: '2026-11-30',
      actor: 'bench',
      parseOnCaller: true,
    });
    await app
      .get(CyclesService)
      .open({ month: '2026-12', seed: 'bench', count: TEAMS, tier3Count: 0 }, { id: null, label: 'bench' });
    // Each audit's actions are owned by its team's advanced practitioner.
    const audits: [number, number, number][] = (
      await db.read((m) =>
        m.query(
          `SELECT a.id AS audit, a.team_id AS team, u.id AS owner FROM audits a
           JOIN users u ON u.team_id = a.team_id AND u.role = 'advanced_practitioner' ORDER BY a.id`,
        ),
      )
    ).map((r: Record<string, unknown>) => [Number(r.audit), Number(r.team), Number(r.owner)]);

    const seeded = await timed(() => seedBenchActions(db, { count: ACTIONS, today: TODAY, audits }));
    if (label === 'PostgreSQL') await db.transaction((m) => m.query('ANALYZE'));
    const { policy } = app.get<ActionJobConfig>(ACTION_JOB_CONFIG);
    const windows = noticeWindows(TODAY, policy);
    const job = app.get(OverdueJobService);

    const bare = await timed(() => db.read((m) => readAllCandidates(m, windows)));
    const first = await timed(() => job.run({ today: TODAY }));
    const sent = first.value.reminded + first.value.overdue + first.value.escalated;
    if (sent !== bare.value)
      throw new Error(`the job sent ${sent} notices; the bare query found ${bare.value}`);
    const bareAgain = await timed(() => db.read((m) => readAllCandidates(m, windows)));
    const second = await timed(() => job.run({ today: TODAY }));
    const [{ n }] = await db.read((m) => m.query('SELECT COUNT(*) AS n FROM notifications'));

    const { overdue, dueWithinWeek } = seeded.value;
    console.log(
      `bench/actions on ${label}: ${ACTIONS.toLocaleString('en-GB')} actions (${overdue.toLocaleString('en-GB')} overdue, ` +
        `${dueWithinWeek.toLocaleString('en-GB')} due within a week), ${TEAMS} teams, today ${TODAY}`,
    );
    console.log(`  seed: bulk insert + copies                   ${seconds(seeded.ms).padStart(9)}`);
    console.log(
      `  bare SQL: the candidates (${bare.value.toLocaleString('en-GB')} rows)         ${seconds(bare.ms).padStart(9)}  ${seconds(bare.cpuMs)} CPU`,
    );
    console.log(
      `  overdue job, first run: ${JSON.stringify(first.value)} (${Number(n).toLocaleString('en-GB')} notifications queued)`,
    );
    console.log(
      `                                              ${seconds(first.ms).padStart(9)}  ${seconds(first.cpuMs)} CPU  ` +
        `(${(first.ms / bare.ms).toFixed(1)}x the bare SQL, ${(first.cpuMs / bare.cpuMs).toFixed(1)}x its CPU; goal < 5 s and <= 3x)`,
    );
    console.log(`  bare SQL again (nothing left)               ${seconds(bareAgain.ms).padStart(9)}`);
    console.log(
      `  overdue job, second run: ${JSON.stringify(second.value)} ${seconds(second.ms).padStart(9)}  ` +
        `(${(second.ms / bareAgain.ms).toFixed(1)}x the bare SQL)`,
    );
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const dir = join(process.cwd(), '.tmp', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'actions.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const engines = process.env.BENCH_ENGINES ?? 'sqlite,postgres';
  if (engines.includes('sqlite')) await benchEngine('SQLite (better-sqlite3)', `sqlite:${file}`);
  if (!engines.includes('postgres')) return;
  const postgres = await postgresUrl();
  if (postgres) await benchEngine('PostgreSQL', postgres);
  else console.log(`bench/actions: PostgreSQL does not answer at 127.0.0.1:5432; SQLite only`);
}

void main();
