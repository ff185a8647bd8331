/**
 * bench/pages: the server time of three pages next to the JSON endpoint for the same data, in
 * the same run, on the demo council and on a council of 100,000 cases with a 10,000-audit cycle.
 *
 *   npm run bench:pages            (builds, then runs dist/bench/pages.bench.js)
 *   BENCH_CASES=20000 npm run bench:pages
 *
 * Each page is set against the JSON endpoints for the same data (summed where a page shows what
 * two endpoints give). Each figure is the time from sending the request to the last byte of
 * the answer, over loopback with keep-alive, after a warm-up: the server's time plus a loopback
 * round trip that is the same for page and JSON. Goals: each page within 2x its JSON endpoint; no page
 * more than 2x slower on the big council than on the demo one.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AppModule } from '../apps/api/src/app.module.js';
import { configureApp } from '../apps/api/src/configure-app.js';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { CasesImportService } from '../libs/cases/index.js';
import { CyclesService } from '../libs/cycles/index.js';
import { DEMO_PASSWORD, DemoService } from '../libs/demo/index.js';
import { hashPassword } from '../libs/org/index.js';
import { Db } from '../libs/persistence/index.js';
import { benchTeam, seedBenchOrg } from './bench-org.js';

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARM_UP = 20;
/** The big council's users all have this; the demo's have the demo password. */
const PASSWORD = 'bench-password';
const dir = join(process.cwd(), '.tmp', 'bench');

interface Council {
  name: string;
  password: string;
  /** An auditor with audits in the open cycle, and the administrator. */
  auditor: string;
  admin: string;
}

function freshFile(name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return `sqlite:${file}`;
}

async function demoCouncil(): Promise<Council> {
  process.env.DATABASE_URL = freshFile('pages-demo');
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  await app.get(Db).dataSource.runMigrations();
  await app.get(DemoService).load({ ifEmpty: false });
  await app.close();
  return { name: 'demo council', password: DEMO_PASSWORD, auditor: 'tm.north-cin-1', admin: 'admin' };
}

async function bigCouncil(): Promise<Council> {
  process.env.DATABASE_URL = freshFile('pages-big');
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  const db = app.get(Db);
  await db.dataSource.runMigrations();
  await seedBenchOrg(db, {
    teams: 40,
    moderators: 2,
    admin: true,
    passwordHash: await hashPassword(PASSWORD),
  });
  const rows = ['case_ref,cohort,team,worker,opened_on'];
  const cohorts = ['CIN', 'CP', 'CLA', 'CL'];
  for (let i = 0; i < CASES; i++) {
    rows.push(
      `B${String(i).padStart(7, '0')},${cohorts[(i * 7) % 4]},${benchTeam(i % 40)},${benchTeam(i % 40)} worker ${i % 6},2025-03-01`,
    );
  }
  await app.get(CasesImportService).importRegister({
    files: [{ name: 'big.csv', content: Buffer.from(rows.join('\n')) }],
    asOf: '2026-11-30',
    actor: 'bench',
    parseOnCaller: true, // as the CLI imports (bench:import measures the server path)
  });
  await app
    .get(CyclesService)
    .open({ month: '2026-12', seed: 'bench', tier3Count: 2 }, { id: null, label: 'bench' });
  await app.close();
  return {
    name: `${CASES.toLocaleString('en-GB')}-case council`,
    password: PASSWORD,
    auditor: 'tm0',
    admin: 'admin',
  };
}

interface Client {
  base: string;
  bearer: string;
  cookie: string;
}

async function signIn(base: string, username: string, password: string): Promise<Client> {
  const api = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const { token } = (await api.json()) as { token: string };
  const form = await fetch(`${base}/login`);
  const signInCookie = /case_audit_sign_in=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')![1];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const posted = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `case_audit_sign_in=${signInCookie}`,
    },
    body: new URLSearchParams({ username, password, _csrf: csrf }).toString(),
  });
  const session = /case_audit_session=([^;]+)/.exec(posted.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error(`web sign-in as ${username} answered ${posted.status}`);
  return { base, bearer: `Bearer ${token}`, cookie: `case_audit_session=${session}` };
}

async function get(client: Client, path: string, as: 'page' | 'json'): Promise<number> {
  const headers: Record<string, string> =
    as === 'page' ? { cookie: client.cookie } : { authorization: client.bearer };
  const started = performance.now();
  const response = await fetch(`${client.base}${path}`, { headers, redirect: 'manual' });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return elapsed;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

interface Figures {
  p50: number;
  p95: number;
}

/** The JSON endpoints that together give what the page shows, one after the other. */
async function getAll(client: Client, paths: string[]): Promise<number> {
  let total = 0;
  for (const path of paths) total += await get(client, path, 'json');
  return total;
}

/** Page and JSON requests interleaved, so that load on the machine falls on both alike. */
async function measure(
  client: Client,
  page: string,
  json: string[],
): Promise<{ page: Figures; json: Figures }> {
  for (let i = 0; i < WARM_UP; i++) {
    await get(client, page, 'page');
    await getAll(client, json);
  }
  const times = { page: [] as number[], json: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    times.page.push(await get(client, page, 'page'));
    times.json.push(await getAll(client, json));
  }
  const figures = (t: number[]) => {
    const sorted = [...t].sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
  };
  return { page: figures(times.page), json: figures(times.json) };
}

interface Row {
  council: string;
  name: string;
  page: Figures;
  json: Figures;
}

async function benchCouncil(council: Council): Promise<Row[]> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: ['error'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const auditor = await signIn(base, council.auditor, council.password);
  const admin = await signIn(base, council.admin, council.password);
  const mine = (await (
    await fetch(`${base}/api/v1/my/audits`, { headers: { authorization: auditor.bearer } })
  ).json()) as {
    items: { auditId: number; cycleId: number }[];
  };
  const { auditId, cycleId } = mine.items[0];
  const rows: Row[] = [];
  const add = async (name: string, client: Client, page: string, json: string[]) =>
    rows.push({ council: council.name, name, ...(await measure(client, page, json)) });
  // Each page against the JSON it is made of: my audits shows the group counts and the lists;
  // the cycle page shows the cycle's figures and a page of its audits.
  await add('my audits', auditor, '/audits', ['/api/v1/my/audits/counts', '/api/v1/my/audits']);
  await add('audit form', auditor, `/audits/${auditId}`, [`/api/v1/audits/${auditId}`]);
  await add('admin cycle', admin, `/admin/cycles/${cycleId}`, [
    `/api/v1/cycles/${cycleId}`,
    `/api/v1/cycles/${cycleId}/audits`,
  ]);
  await app.close();
  return rows;
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL = 'error';
  const councils = [await demoCouncil()];
  const demoRows = await benchCouncil(councils[0]);
  const big = await bigCouncil();
  const bigRows = await benchCouncil(big);
  const ms = (n: number) => n.toFixed(1).padStart(6);
  console.log(
    `bench/pages on SQLite: ${ROUNDS} requests each after ${WARM_UP} to warm up (ms, request to last byte, loopback)`,
  );
  console.log('  council                 page           page p50 p95    JSON p50 p95   page/JSON   big/demo');
  for (const row of [...demoRows, ...bigRows]) {
    const demo = demoRows.find((d) => d.name === row.name)!;
    const ratio = row.page.p50 / row.json.p50;
    const growth = row.page.p50 / demo.page.p50;
    console.log(
      `  ${row.council.padEnd(22)}  ${row.name.padEnd(12)}  ${ms(row.page.p50)} ${ms(row.page.p95)}   ${ms(row.json.p50)} ${ms(row.json.p95)}   ${ratio.toFixed(2).padStart(5)}x     ${row === demo ? '     -' : `${growth.toFixed(2).padStart(5)}x`}`,
    );
  }
  console.log('  goals: page/JSON <= 2x (p50); big/demo <= 2x (p50)');
}

void main();
