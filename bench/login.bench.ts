/**
 * bench/login: how long a refused login takes for an unknown username and for a wrong password.
 * Before issue 6 an unknown username skipped argon2 (about 2 ms against 110 ms), which told an
 * attacker who exists; both now cost one argon2 verification.
 *
 *   npm run build && node dist/bench/login.bench.js      (BENCH_LOGINS=40 for more rounds)
 *
 * Through the real AuthService on a migrated SQLite file, alternating the two kinds so that load
 * on the machine falls on both alike; the limits are raised so that no attempt is refused with 429.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AuthModule } from '../libs/auth/auth.module.js';
import { AuthService, hashPassword } from '../libs/auth/auth.service.js';
import { ClockModule } from '../libs/clock/index.js';
import { Role } from '../libs/org/role.js';
import { User } from '../libs/org/user.entity.js';
import { Db } from '../libs/persistence/db.service.js';
import { PersistenceModule } from '../libs/persistence/persistence.module.js';

const ROUNDS = Number(process.env.BENCH_LOGINS ?? 20);
const dir = join(process.cwd(), '.tmp', 'bench');

@Module({ imports: [PersistenceModule, ClockModule, AuthModule] })
class LoginBenchModule {}

async function main(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'login.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  process.env.DATABASE_URL = `sqlite:${file}`;
  process.env.LOGIN_MAX_FAILURES = '1000000';
  process.env.LOGIN_MAX_FAILURES_PER_ADDRESS = '1000000';
  const app = await NestFactory.createApplicationContext(LoginBenchModule, { logger: ['error'] });
  const db = app.get(Db);
  await db.dataSource.runMigrations();
  await db.transaction((m) =>
    hashPassword('the-right-password').then((passwordHash) =>
      m.insert(User, {
        username: 'known',
        displayName: 'Known',
        role: Role.Administrator,
        passwordHash,
        active: true,
      }),
    ),
  );
  const auth = app.get(AuthService);
  const refusedIn = async (username: string): Promise<number> => {
    const started = performance.now();
    await auth.login(username, 'a-wrong-password', '127.0.0.1').then(
      () => {
        throw new Error('the bench login should have been refused');
      },
      () => undefined,
    );
    return performance.now() - started;
  };
  await refusedIn('warm-up');
  const unknown: number[] = [];
  const wrong: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    unknown.push(await refusedIn(`nobody-${i}`));
    wrong.push(await refusedIn('known'));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const row = (label: string, xs: number[]) =>
    `${label.padEnd(18)} median ${median(xs).toFixed(1).padStart(7)} ms   mean ${(xs.reduce((s, x) => s + x, 0) / xs.length).toFixed(1).padStart(7)} ms`;
  console.log(`login refused, ${ROUNDS} rounds each (SQLite, argon2id)`);
  console.log(row('unknown username', unknown));
  console.log(row('wrong password', wrong));
  console.log(`ratio unknown/wrong (medians): ${(median(unknown) / median(wrong)).toFixed(2)}`);
  await app.close();
}

void main();
