/**
 * bench/import-responsiveness: how other people's requests fare while a big register imports.
 *
 *   npm run bench:import                 (builds, then runs dist/bench/import-responsiveness.bench.js)
 *   BENCH_ROWS=200000 npm run bench:import
 *
 * Starts the real app on a SQLite file, then, with two clients polling `/health` and
 * `GET /api/v1/cycles` back to back, measures their latency first with nothing else going on
 * (the floor, in the same run) and then while the administrator imports a generated register of
 * BENCH_ROWS rows (1,000,000 by default) through `POST /api/v1/cases/import`: once as new cases,
 * then the same file again with every worker changed (the update path), and last the first file
 * again with nobody polling (the import's own time, for the cost of sharing). Each latency is from
 * sending the request to the last byte of the answer, over loopback. Goal: p99 within 200 ms
 * during the import.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppModule } from '../apps/api/src/app.module.js';
import { configureApp } from '../apps/api/src/configure-app.js';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { warmParserThread } from '../libs/cases/index.js';
import { hashPassword } from '../libs/org/index.js';
import { Db } from '../libs/persistence/index.js';
import { benchTeam, seedBenchOrg } from './bench-org.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const FLOOR_MS = Number(process.env.BENCH_FLOOR_MS ?? 5000);
const PASSWORD = 'bench-password';
const TEAMS = 40;
const dir = join(process.cwd(), '.tmp', 'bench');

function freshFile(name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return `sqlite:${file}`;
}

/** The register as a council would export it; `round` changes every worker's name. */
function registerCsv(rows: number, round: number): Buffer {
  const cohorts = ['CIN', 'CP', 'CLA', 'CL'];
  const lines = ['case_ref,cohort,team,worker,opened_on'];
  for (let i = 0; i < rows; i++) {
    const team = benchTeam(i % TEAMS);
    lines.push(
      `R${String(i).padStart(8, '0')},${cohorts[(i * 7) % 4]},${team},${team} worker ${(i + round) % 6},2025-03-01`,
    );
  }
  return Buffer.from(lines.join('\n'));
}

async function bearer(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`sign-in as ${username} answered ${response.status}`);
  }
  return `Bearer ${((await response.json()) as { token: string }).token}`;
}

interface Probe {
  name: string;
  path: string;
  headers: Record<string, string>;
}

interface Polled {
  times: number[];
  /** Answers other than 200, and connections that failed (counted, with their time). */
  failures: number;
}

/** What the failures were, to print beside the figures. */
const failureKinds = new Set<string>();

/** Polls each probe back to back until `until` settles; returns each probe's latencies. */
async function poll(base: string, probes: Probe[], until: Promise<unknown>): Promise<Polled[]> {
  let running = true;
  const stop = () => (running = false);
  until.then(stop, stop);
  return Promise.all(
    probes.map(async (probe) => {
      const polled: Polled = { times: [], failures: 0 };
      while (running) {
        const started = performance.now();
        try {
          const response = await fetch(`${base}${probe.path}`, { headers: probe.headers });
          await response.arrayBuffer();
          if (response.status !== 200) {
            polled.failures++;
            failureKinds.add(`${probe.name}: ${response.status}`);
          }
        } catch (error) {
          polled.failures++;
          const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
          failureKinds.add(`${probe.name}: ${cause}`);
        }
        polled.times.push(performance.now() - started);
      }
      return polled;
    }),
  );
}

/**
 * The upload on a connection of its own: fetch's pool may hand a POST a kept-alive socket the
 * server has just closed (ECONNRESET), and a POST is not retried.
 */
function postImport(base: string, authorization: string, csv: Buffer): Promise<void> {
  const boundary = `bench${Date.now()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="asOf"\r\n\r\n2026-11-30\r\n` +
        `--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="register.csv"\r\n` +
        'content-type: text/csv\r\n\r\n',
    ),
    csv,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${base}/api/v1/cases/import`,
      {
        method: 'POST',
        agent: false,
        headers: {
          authorization,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': body.length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          response.statusCode === 201
            ? resolve()
            : reject(
                new Error(
                  `import answered ${response.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 300)}`,
                ),
              ),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function figures({ times, failures }: Polled): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  const ms = (n: number) => n.toFixed(1).padStart(8);
  return `${String(times.length).padStart(6)}  ${ms(at(0.5))} ${ms(at(0.99))} ${ms(sorted.at(-1) ?? NaN)} ${String(failures).padStart(8)}`;
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL = 'error';
  process.env.DATABASE_URL = freshFile('import-responsiveness');
  const setup = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  const db = setup.get(Db);
  await db.dataSource.runMigrations();
  await seedBenchOrg(db, {
    teams: TEAMS,
    moderators: 1,
    admin: true,
    passwordHash: await hashPassword(PASSWORD),
  });
  await setup.close();

  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: ['error'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  warmParserThread(); // as apps/api/src/main.ts does
  const { port } = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const admin = await bearer(base, 'admin');
  const probes: Probe[] = [
    { name: '/health', path: '/health', headers: {} },
    {
      name: 'GET /api/v1/cycles',
      path: '/api/v1/cycles',
      headers: { authorization: await bearer(base, 'hos') },
    },
  ];
  await poll(base, probes, sleep(500)); // warm up

  const rows: string[] = [];
  const floor = await poll(base, probes, sleep(FLOOR_MS));
  probes.forEach((probe, i) =>
    rows.push(`  ${probe.name.padEnd(20)} no import          ${figures(floor[i])}`),
  );

  for (const [round, label, probed] of [
    [0, 'new cases', true],
    [1, 'all updated', true],
    [0, 'all updated', false],
  ] as const) {
    const csv = registerCsv(ROWS, round);
    const started = performance.now();
    const importing = postImport(base, admin, csv).then(() => performance.now() - started);
    const during = probed ? await poll(base, probes, importing) : [];
    const took = await importing;
    during.forEach((polled, i) =>
      rows.push(`  ${probes[i].name.padEnd(20)} import, ${label.padEnd(11)} ${figures(polled)}`),
    );
    rows.push(
      `  import of ${ROWS.toLocaleString('en-GB')} rows (${label}${probed ? ', while polled' : ', alone'}): ` +
        `${(took / 1000).toFixed(1)} s, ${(csv.length / 1e6).toFixed(1)} MB`,
    );
  }
  await app.close();

  console.log(`bench/import-responsiveness on a SQLite file (ms, request to last byte, loopback)`);
  console.log(`  probe                while              requests      p50      p99      max failures`);
  for (const row of rows) console.log(row);
  if (failureKinds.size) console.log(`  failures seen: ${[...failureKinds].join('; ')}`);
  console.log('  goal: p99 <= 200 ms during the import');
}

void main();
