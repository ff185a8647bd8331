/**
 * bench/cli-startup: how long `npx case-audit` takes to answer, next to the floor measured in the
 * same run (`node -e 0`: starting Node and doing nothing), so the figures stay comparable on a
 * busy machine.
 *
 *   npm run bench:cli          (builds, then runs dist/bench/cli-startup.bench.js)
 *   BENCH_RUNS=20 npm run bench:cli
 *
 * Setup (not timed): `case-audit demo` into a fresh SQLite file, which opens the demo cycle.
 * Each command then runs BENCH_RUNS times as a child process, the commands interleaved so that
 * a burst of load from elsewhere hits them alike; the median and the fastest are printed.
 * Goals: `--help` under 0.5 s, `cycle show` under 1.5 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
if (!Number.isInteger(RUNS) || RUNS <= 0) throw new Error('BENCH_RUNS must be a positive integer');
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'case-audit.js');
const dir = join(root, '.tmp', 'bench');

interface Case {
  label: string;
  args: string[];
  goalMs?: number;
}

function run(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return ms;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function main(): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'cli-startup.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const env = { ...process.env, DATABASE_URL: `sqlite:${file}` };
  const demo = spawnSync(process.execPath, [bin, 'demo', '--json'], { env, encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`case-audit demo failed: ${demo.stderr}`);
  const month = (JSON.parse(demo.stdout) as { cycle: { month: string } }).cycle.month;

  const cases: Case[] = [
    { label: 'floor: node -e 0', args: ['-e', '0'] },
    { label: 'case-audit --help', args: [bin, '--help'], goalMs: 500 },
    {
      label: `case-audit cycle show --month ${month}`,
      args: [bin, 'cycle', 'show', '--month', month],
      goalMs: 1500,
    },
  ];
  const times = cases.map(() => [] as number[]);
  for (const c of cases) run(c.args, env); // warm the file system cache, untimed
  for (let r = 0; r < RUNS; r++) {
    for (const [i, c] of cases.entries()) times[i].push(run(c.args, env));
  }

  const floor = median(times[0]);
  console.log(`bench/cli-startup: ${RUNS} runs each, interleaved; Node ${process.version}`);
  console.log(
    `  ${'command'.padEnd(44)} ${'median'.padStart(9)} ${'fastest'.padStart(9)} ${'x floor'.padStart(8)}`,
  );
  for (const [i, c] of cases.entries()) {
    const m = median(times[i]);
    const goal = c.goalMs === undefined ? '' : `  goal < ${c.goalMs} ms: ${m < c.goalMs ? 'MET' : 'NOT MET'}`;
    console.log(
      `  ${c.label.padEnd(44)} ${`${m.toFixed(0)} ms`.padStart(9)} ${`${Math.min(...times[i]).toFixed(0)} ms`.padStart(9)} ${(m / floor).toFixed(1).padStart(7)}x${goal}`,
    );
  }
}

main();
