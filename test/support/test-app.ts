import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';
import { hashPassword } from '../../libs/auth/auth.service.js';
import { Clock, FixedClock } from '../../libs/clock/index.js';
import {
  NOTIFICATION_SENDER,
  type NotificationSender,
} from '../../libs/notifications/notification-sender.js';
import { LOG_DESTINATION } from '../../libs/logging/index.js';
import { Db } from '../../libs/persistence/db.service.js';
import { Locality } from '../../libs/org/locality.entity.js';
import { Role } from '../../libs/org/role.js';
import { TEST_NOW } from './test-clock.js';
import { Team } from '../../libs/org/team.entity.js';
import { User } from '../../libs/org/user.entity.js';

export const TEST_PASSWORD = 'test-password-1';

/** A fresh SQLite file per test file and Jest worker, under .tmp/test, migrated for real. */
export function sqliteTestUrl(name: string): string {
  const file = join(
    process.cwd(),
    '.tmp',
    'test',
    `${name}-${process.env.JEST_WORKER_ID ?? '0'}.test.sqlite`,
  );
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  return `sqlite:${file}`;
}

/** Refuses any database whose name does not say test: a test must never touch real data. */
export function assertTestDatabase(url: string): void {
  const name = url.startsWith('sqlite:') ? url.split('/').pop()! : new URL(url).pathname.slice(1);
  if (!/test/i.test(name))
    throw new Error(`refusing to run tests against ${name}: its name does not say test`);
}

export { TEST_NOW, TEST_TODAY } from './test-clock.js';

export interface TestAppOptions {
  /** The app's clock; a FixedClock at TEST_NOW by default. Keep it to move time on. */
  clock?: Clock;
  /** Replaces the logging notification sender (a test's sender stands outside the system). */
  sender?: NotificationSender;
  /** Where the app's log lines go (JSON, one per line); by default only errors, to stderr. */
  logs?: { write: (line: string) => void };
  /** More provider overrides, e.g. `(b) => b.overrideProvider(X).useValue(x)`. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

/** Keeps test output quiet as Nest's `logger: ['error']` did: pino level 50 and above only. */
export const errorsToStderr = {
  write: (line: string) => {
    if ((JSON.parse(line) as { level: number }).level >= 50) process.stderr.write(line);
  },
};

export interface TestApp {
  app: INestApplication;
  db: Db;
  clock: Clock;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

export async function startTestApp(databaseUrl: string, options: TestAppOptions = {}): Promise<TestApp> {
  assertTestDatabase(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  const clock = options.clock ?? new FixedClock(TEST_NOW);
  const builder = Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(LOG_DESTINATION)
    .useValue(options.logs ?? errorsToStderr);
  if (options.sender) builder.overrideProvider(NOTIFICATION_SENDER).useValue(options.sender);
  const moduleRef = await (options.override ? options.override(builder) : builder).compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: ['error'] }));
  await app.init();
  const db = app.get(Db);
  await db.dataSource.runMigrations({ transaction: 'each' });
  return { app, db, clock, http: () => request(app.getHttpServer()), close: () => app.close() };
}

let passwordHash: Promise<string> | undefined;

export interface OrgFixture {
  localities: Map<string, number>;
  teams: Map<string, number>;
}

/** Localities and teams by name; each team is `[name, locality, cohort]`. */
export async function newOrg(db: Db, teams: [string, string, string][]): Promise<OrgFixture> {
  return db.transaction(async (m) => {
    const localities = new Map<string, number>();
    const teamIds = new Map<string, number>();
    for (const [name, locality, cohort] of teams) {
      if (!localities.has(locality)) {
        const { identifiers } = await m.insert(Locality, { name: locality });
        localities.set(locality, Number(identifiers[0].id));
      }
      const { identifiers } = await m.insert(Team, {
        name,
        localityId: localities.get(locality)!,
        cohortCode: cohort,
        isUnallocated: false,
      });
      teamIds.set(name, Number(identifiers[0].id));
    }
    return { localities, teams: teamIds };
  });
}

let userSeq = 0;

/** A user who can log in with TEST_PASSWORD; the username is made unique when not given. */
export async function newUser(
  db: Db,
  user: {
    role: Role;
    username?: string;
    displayName?: string;
    teamId?: number | null;
    localityId?: number | null;
    active?: boolean;
    workerKey?: string | null;
  },
): Promise<number> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const username = user.username ?? `${user.role.replaceAll('_', '-')}.${++userSeq}`;
  return db.transaction(async (m) => {
    const { identifiers } = await m.insert(User, {
      username,
      displayName: user.displayName ?? username,
      role: user.role,
      teamId: user.teamId ?? null,
      localityId: user.localityId ?? null,
      passwordHash: hash,
      active: user.active ?? true,
      workerKey: user.workerKey ?? null,
    });
    return Number(identifiers[0].id);
  });
}

export async function loginAs(t: TestApp, username: string): Promise<string> {
  const response = await t
    .http()
    .post('/api/v1/auth/login')
    .send({ username, password: TEST_PASSWORD })
    .expect(200);
  return `Bearer ${response.body.token as string}`;
}

export { Role };
