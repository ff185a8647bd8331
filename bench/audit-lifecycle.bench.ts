/**
 * bench/audit-lifecycle: persisted audit transitions per second on SQLite, next to the same
 * transitions on in-memory xstate actors in the same run.
 *
 *   npm run bench:audit      (builds, then runs dist/bench/audit-lifecycle.bench.js)
 *   BENCH_AUDITS=2000 npm run bench:audit
 *
 * Setup (not timed): a generated register of 2 × BENCH_AUDITS open cases and a cycle opened over
 * it at rate 1, so every case becomes an audit allocated to a known auditor. Batch A
 * (BENCH_AUDITS audits) goes through the real AuditsService commands, one transaction each:
 * start, saveDraft(completeDraft), finishGrading, recordDiscussion, submit (which also sends
 * SEND_TO_MODERATION or CONFIRM). Batch B (the other half) is started through the bare
 * WorkflowRunner (runner.send inside db.transaction, no service logic), to split the overhead.
 * Transitions are counted as workflow_transitions rows for entity_type 'audit' written in each
 * timed section. Then the same events with the same payloads go through createActor(auditMachine),
 * one actor per audit. Last, the floor: the same audit UPDATEs and history INSERTs replayed on a
 * bare better-sqlite3 handle with prepared statements, one transaction per transition, so a
 * slip shows as a ratio to it. Goal: >= 3,000 persisted transitions per second.
 */
import 'reflect-metadata';
import { seedBenchOrg } from './bench-org.js';
import { sqliteFloor } from './sqlite-floor.js';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type AnyMachineSnapshot, createActor, type Snapshot } from 'xstate';
import { AuditToolsService } from '../libs/audit-tools/index.js';
import { ActionsModule } from '../libs/actions/index.js';
import { AuditsModule, AuditsService } from '../libs/audits/index.js';
// The one reach inside a feature outside test/: timing the bare runner needs the audit rows
// themselves (allowed by name in .dependency-cruiser.mjs).
import { Audit } from '../libs/audits/audit.entity.js';
import { actorOf, type AuthenticatedUser } from '../libs/auth/index.js';
import { CasesImportService, CasesModule } from '../libs/cases/index.js';
import { Clock, ClockModule } from '../libs/clock/index.js';
import { CyclesModule, CyclesService } from '../libs/cycles/index.js';
import { listUsers } from '../libs/org/index.js';
import { Db, PersistenceModule, WorkflowRunner } from '../libs/persistence/index.js';
import { SNAPSHOT_MIGRATIONS } from '../workflows/snapshot-migrations.js';
import type { AuditDraft, Discussion } from '../workflows/audit-draft.js';
import { AGREED_DISCUSSION, completeDraft } from '../test/support/audit-fixtures.js';
import { auditMachine, type AuditEvent } from '../workflows/audit.machine.js';

const AUDITS = Number(process.env.BENCH_AUDITS ?? 10_000);
if (!Number.isInteger(AUDITS) || AUDITS <= 0) throw new Error('BENCH_AUDITS must be a positive integer');
const CASES = 2 * AUDITS;
const TEAMS = 40;
const MODERATORS = 4;
const COHORTS = ['CIN', 'CP', 'CLA', 'CL'];
const GOAL = 3_000;
/** The fixture is an untyped literal; its agreement is 'agrees'. */
let DISCUSSION = AGREED_DISCUSSION as Discussion;
const dir = join(process.cwd(), '.tmp', 'bench');

/** The services the audit commands need, without HTTP; the CLI module has no AuditsModule. */
@Module({
  imports: [
    ClockModule,
    PersistenceModule.forRoot({ snapshotMigrations: SNAPSHOT_MIGRATIONS }),
    CasesModule,
    CyclesModule,
    AuditsModule,
    // Submitting raises the audit's actions (the AuditActions port).
    ActionsModule,
  ],
})
class AuditBenchModule {}

interface Row {
  label: string;
  ops: number;
  transitions: number;
  ms: number;
  /** This process's CPU time (user + system): what other work on a shared machine moves least. */
  cpuMs: number;
}

/** CPU milliseconds this process has used since `since`. */
const cpuSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

function generateCsv(): string {
  const lines = ['case_ref,cohort,team,worker,opened_on'];
  for (let i = 0; i < CASES; i++) {
    const team = `Team ${String(i % TEAMS).padStart(2, '0')}`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(
      [
        `B${String(i).padStart(7, '0')}`,
        COHORTS[(i * 7) % 4],
        team,
        `${team} worker ${i % 6}`,
        `2025-03-${day}`,
      ].join(','),
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'audit-lifecycle.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  process.env.DATABASE_URL = `sqlite:${file}`;

  const app = await NestFactory.createApplicationContext(AuditBenchModule, { logger: ['error', 'warn'] });
  const db = app.get(Db);
  const runner = app.get(WorkflowRunner);
  const clock = app.get(Clock);
  // The bench runs on the system clock: its discussions are held on its today.
  DISCUSSION = { ...DISCUSSION, heldOn: clock.today() };
  const audits = app.get(AuditsService);
  await db.dataSource.runMigrations();
  await seedBenchOrg(db, { teams: TEAMS, moderators: MODERATORS });

  // ---- setup, not timed: register, cycle, who audits what ------------------------------------
  const setupStarted = performance.now();
  const imported = await app.get(CasesImportService).importRegister({
    files: [{ name: 'bench.csv', content: Buffer.from(generateCsv()) }],
    asOf: '2026-11-30',
    actor: 'bench',
    parseOnCaller: true, // as the CLI imports (bench:import measures the server path)
  });
  if (imported.imported !== CASES) throw new Error(`imported ${imported.imported} of ${CASES}`);
  const cycle = await app
    .get(CyclesService)
    .open({ month: '2026-12', rate: 1, seed: 'bench' }, { id: null, label: 'bench' });
  const { users, all, tool } = await db.read(async (m) => ({
    users: await listUsers(m),
    all: await m.find(Audit, { where: { cycleId: cycle.id }, order: { id: 'ASC' } }),
    tool: await app.get(AuditToolsService).currentPublished(m),
  }));
  const setupMs = performance.now() - setupStarted;
  const userById = new Map<number, AuthenticatedUser>(
    users.map((u) => [
      u.id,
      {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        teamId: u.teamId,
        localityId: u.localityId,
      },
    ]),
  );
  const allocated = all.filter((a) => a.auditorId !== null && a.state === 'allocated');
  const batchA = allocated.slice(0, AUDITS);
  const batchB = allocated.slice(AUDITS);
  if (batchA.length < AUDITS || batchB.length === 0) {
    throw new Error(
      `only ${allocated.length} of ${all.length} audits were allocated; need more than ${AUDITS}`,
    );
  }
  const auditorOf = (a: Audit) => userById.get(a.auditorId!)!;
  const drafts = new Map<string, AuditDraft>(COHORTS.map((c) => [c, completeDraft(c)]));

  // ---- persisted: the real service commands, one transaction each, batch A -------------------
  const version = new Map(batchA.map((a) => [a.id, a.version]));
  const countAuditTransitions = () =>
    db.read(async (m) => {
      const [row] = await m.query(
        `SELECT COUNT(*) AS n FROM workflow_transitions WHERE entity_type = 'audit'`,
      );
      return Number(row.n);
    });
  const timed = async (
    label: string,
    batch: readonly Audit[],
    work: (audit: Audit) => Promise<{ version: number } | unknown>,
  ): Promise<Row> => {
    const before = await countAuditTransitions();
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (const audit of batch) {
      const result = await work(audit);
      if (result && typeof result === 'object' && 'version' in result)
        version.set(audit.id, Number(result.version));
    }
    const ms = performance.now() - started;
    const cpuMs = cpuSince(cpu);
    return { label, ops: batch.length, transitions: (await countAuditTransitions()) - before, ms, cpuMs };
  };

  const start = await timed('service start  (START)', batchA, (a) => audits.start(a.id, auditorOf(a)));
  const raw = await timed('WorkflowRunner.send START only, batch B', batchB, (a) =>
    db.transaction((m) =>
      runner.send(m, {
        machine: auditMachine,
        entity: Audit,
        entityType: 'audit',
        record: a,
        event: { type: 'START', actorId: a.auditorId! },
        actor: actorOf(auditorOf(a)),
        patch: { toolId: tool.id, startedAt: clock.nowIso() },
      }),
    ),
  );
  const save = await timed('service saveDraft (not a transition)', batchA, (a) =>
    audits.saveDraft(a.id, drafts.get(a.cohortCode)!, version.get(a.id)!, auditorOf(a)),
  );
  const finish = await timed('service finishGrading  (FINISH_GRADING)', batchA, (a) =>
    audits.finishGrading(a.id, version.get(a.id)!, auditorOf(a)),
  );
  const discuss = await timed('service recordDiscussion  (RECORD_DISCUSSION)', batchA, (a) =>
    audits.recordDiscussion(a.id, DISCUSSION, version.get(a.id)!, auditorOf(a)),
  );
  const submit = await timed('service submit  (SUBMIT + SEND_TO_MODERATION|CONFIRM)', batchA, (a) =>
    audits.submit(a.id, version.get(a.id)!, auditorOf(a)),
  );

  const outcome = await db.read((m) =>
    m
      .createQueryBuilder(Audit, 'a')
      .select(['a.id', 'a.state'])
      .where('a.cycle_id = :id', { id: cycle.id })
      .getMany(),
  );
  const stateOf = new Map(outcome.map((a) => [a.id, a.state]));
  const moderated = batchA.filter((a) => stateOf.get(a.id) === 'inModeration').length;
  // An audit that raised no action closes itself on completion.
  const confirmed = batchA.filter((a) => ['completed', 'closed'].includes(stateOf.get(a.id) ?? '')).length;
  if (moderated + confirmed !== AUDITS)
    throw new Error(`${AUDITS - moderated - confirmed} audits did not finish`);
  await app.close();

  // ---- the floor: the same audit UPDATEs and history INSERTs on bare better-sqlite3 -----------
  const floorRow = sqliteFloor(
    file,
    new Set(batchA.map((a) => a.id)),
    'bare better-sqlite3: same UPDATE + INSERT per transition',
  );

  const serviceRows = [start, finish, discuss, submit];
  const persisted: Row = {
    label: 'service, all transitions (saveDraft excluded)',
    ops: serviceRows.reduce((n, r) => n + r.ops, 0),
    transitions: serviceRows.reduce((n, r) => n + r.transitions, 0),
    ms: serviceRows.reduce((n, r) => n + r.ms, 0),
    cpuMs: serviceRows.reduce((n, r) => n + r.cpuMs, 0),
  };
  const lifecycle: Row = {
    label: 'service, whole lifecycle incl. saveDraft',
    ops: persisted.ops + save.ops,
    transitions: persisted.transitions,
    ms: persisted.ms + save.ms,
    cpuMs: persisted.cpuMs + save.cpuMs,
  };
  // Five commands each, and the system's CLOSE for each audit that closed itself.
  const closedItself = batchA.filter((a) => stateOf.get(a.id) === 'closed').length;
  if (persisted.transitions !== 5 * AUDITS + closedItself) {
    throw new Error(
      `expected ${5 * AUDITS + closedItself} audit transitions, counted ${persisted.transitions}`,
    );
  }

  // ---- in memory: one actor per audit, the same events with the same payloads -----------------
  const definition = tool.definition;
  const events = (a: Audit): AuditEvent[] => {
    const actorId = a.auditorId!;
    const grading = { tool: definition, cohort: a.cohortCode, draft: drafts.get(a.cohortCode)! };
    return [
      { type: 'START', actorId },
      { type: 'FINISH_GRADING', actorId, ...grading },
      { type: 'RECORD_DISCUSSION', actorId, discussion: DISCUSSION },
      { type: 'SUBMIT', actorId, ...grading },
      stateOf.get(a.id) === 'inModeration' ? { type: 'SEND_TO_MODERATION' } : { type: 'CONFIRM' },
    ];
  };
  const script = batchA.map(events);
  const actors = batchA.map((a) => {
    const actor = createActor(auditMachine).start();
    actor.send({ type: 'ALLOCATE', auditorId: a.auditorId! });
    return actor;
  });
  let memoryTransitions = 0;
  const memoryStarted = performance.now();
  const memoryCpu = process.cpuUsage();
  for (let step = 0; step < 5; step++) {
    for (let i = 0; i < actors.length; i++) {
      const before = actors[i].getSnapshot();
      actors[i].send(script[i][step]);
      if (actors[i].getSnapshot() !== before) memoryTransitions++;
    }
  }
  const memoryMs = performance.now() - memoryStarted;
  actors.forEach((actor, i) => {
    const expected = stateOf.get(batchA[i].id);
    const snapshot = actor.getSnapshot();
    if (snapshot.value !== expected || !snapshot.context.discussionRecorded) {
      throw new Error(`in-memory audit ${batchA[i].id} ended ${String(snapshot.value)}, not ${expected}`);
    }
    actor.stop();
  });
  const memory: Row = {
    label: 'in-memory actors, same events',
    ops: 5 * AUDITS,
    transitions: memoryTransitions,
    ms: memoryMs,
    cpuMs: cpuSince(memoryCpu),
  };

  // The runner's xstate work without the database: restore, can, send, persist, serialise.
  let restoreTransitions = 0;
  const restoreStarted = performance.now();
  const restoreCpu = process.cpuUsage();
  for (let i = 0; i < batchA.length; i++) {
    let persistedSnapshot: unknown = JSON.parse(JSON.stringify(batchA[i].snapshot));
    for (const event of script[i]) {
      const actor = createActor(auditMachine, { snapshot: persistedSnapshot as Snapshot<unknown> }).start();
      if (!(actor.getSnapshot() as AnyMachineSnapshot).can(event)) throw new Error(`${event.type} refused`);
      actor.send(event);
      persistedSnapshot = JSON.parse(JSON.stringify(actor.getPersistedSnapshot()));
      actor.stop();
      restoreTransitions++;
    }
  }
  const restoreMs = performance.now() - restoreStarted;
  const restore: Row = {
    label: 'in-memory, restore per event like the runner',
    ops: 5 * AUDITS,
    transitions: restoreTransitions,
    ms: restoreMs,
    cpuMs: cpuSince(restoreCpu),
  };

  // ---- report ---------------------------------------------------------------------------------
  const n = (value: number) => Math.round(value).toLocaleString('en-GB');
  const rate = (r: Row) => (r.transitions || r.ops) / (r.ms / 1000);
  const cpuRate = (r: Row) => (r.transitions || r.ops) / (r.cpuMs / 1000);
  const line = (r: Row) =>
    `  ${r.label.padEnd(56)} ${n(r.ops).padStart(8)} ${n(r.transitions).padStart(8)} ${n(r.ms).padStart(9)} ${n(rate(r)).padStart(12)}${r.transitions ? '' : ' ops/s'}` +
    `  ${(r.ms / r.ops).toFixed(3).padStart(7)} ms/op  ${(r.cpuMs / r.ops).toFixed(3).padStart(7)} cpu ms/op ${n(cpuRate(r)).padStart(8)}/cpu-s`;
  const persistedRate = rate(persisted);
  console.log(
    `bench/audit-lifecycle on SQLite (better-sqlite3, WAL, synchronous=NORMAL): ${n(AUDITS)} audits through the service, ` +
      `${n(batchB.length)} through the bare runner; ${n(CASES)} cases, cycle ${cycle.id} at rate 1, ` +
      `${userById.size} users (${MODERATORS} moderators); setup ${(setupMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `  ${'path'.padEnd(56)} ${'ops'.padStart(8)} ${'trans.'.padStart(8)} ${'ms'.padStart(9)} ${'trans./s'.padStart(12)}`,
  );
  for (const r of [start, save, finish, discuss, submit]) console.log(line(r));
  console.log(line(persisted));
  console.log(line(lifecycle));
  console.log(line(raw));
  console.log(line(floorRow));
  console.log(line(memory));
  console.log(line(restore));
  console.log(`  submit outcome: ${n(moderated)} to moderation, ${n(confirmed)} confirmed`);
  console.log(
    `  service START vs bare runner START: ${(start.ms / start.ops).toFixed(3)} vs ${(raw.ms / raw.ops).toFixed(3)} ms ` +
      `(service logic ${((1 - raw.ms / raw.ops / (start.ms / start.ops)) * 100).toFixed(0)}% of START)`,
  );
  console.log(`  in-memory / persisted: ${(rate(memory) / persistedRate).toFixed(0)}x`);
  // The ratios are what to compare between runs: on a shared machine the absolute rates move,
  // and wall time moves with everyone else's work where this process's CPU time moves least.
  console.log(
    `  floor / persisted, wall: service ${(rate(floorRow) / persistedRate).toFixed(1)}x, ` +
      `bare runner START ${(rate(floorRow) / rate(raw)).toFixed(1)}x; ` +
      `CPU: service ${(cpuRate(floorRow) / cpuRate(persisted)).toFixed(1)}x, ` +
      `bare runner START ${(cpuRate(floorRow) / cpuRate(raw)).toFixed(1)}x`,
  );
  console.log(
    `  goal: >= ${n(GOAL)} persisted transitions/s: ${n(persistedRate)}/s wall, ${n(cpuRate(persisted))}/cpu-s: ` +
      `${persistedRate >= GOAL ? 'MET' : 'NOT MET'}`,
  );
}

void main();
