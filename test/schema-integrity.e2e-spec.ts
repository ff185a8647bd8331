import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { FixedClock } from '../libs/clock/index.js';
import { Case } from '../libs/cases/case.entity.js';
import { Locality } from '../libs/org/locality.entity.js';
import { Team } from '../libs/org/team.entity.js';
// The app module makes every feature register its entities for the bare data sources below.
import '../apps/api/src/app.module.js';
import { standaloneDatabaseOptions } from '../libs/persistence/database-options.js';
import { MIGRATIONS } from '../libs/persistence/migrations/index.js';
import { TimestampSubscriber } from '../libs/persistence/timestamp.subscriber.js';
import { WorkflowTransition } from '../libs/persistence/workflow-transition.entity.js';
import { freshPostgresDatabase } from './support/postgres.js';
import { sqliteTestUrl } from './support/test-app.js';

type Engine = [name: string, url: (name: string) => Promise<string | null>];

const ENGINES: Engine[] = [
  ['SQLite', async (name) => sqliteTestUrl(name)],
  ['PostgreSQL', (name) => freshPostgresDatabase(`case_audit_${name.replaceAll('-', '_')}_test`)],
];

async function migrated(url: string, migrations = MIGRATIONS): Promise<DataSource> {
  const dataSource = await new DataSource({ ...standaloneDatabaseOptions(url), migrations }).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

/** A transition row: the one table with a timestamp and no required parent. */
const transition = (n: number) => ({
  entityType: 'test',
  entityId: n,
  machineId: 'test',
  machineVersion: '1',
  event: 'TICK',
  fromState: '',
  toState: 'ticked',
  actorId: null,
  actorLabel: 'test',
  detail: null,
});

describe.each(ENGINES)('the schema on %s', (engine, urlFor) => {
  const run = async (name: string, test: (url: string) => Promise<void>) => {
    const url = await urlFor(name);
    if (!url) return console.warn(`PostgreSQL is not reachable: ${name} did not run on ${engine}`);
    await test(url);
  };

  it('keeps every row and index through the table rebuilds, and makes old timestamps ISO text', () =>
    run('schema-upgrade', async (url) => {
      const before = MIGRATIONS.findIndex((m) => m.name === 'IsoTimestamps1764200000000');
      const old = await migrated(url, MIGRATIONS.slice(0, before));
      // What the old CreateDateColumn default wrote: SQLite text, PostgreSQL local time.
      const stamp =
        engine === 'SQLite' ? `'2026-01-31 23:30:00'` : `(timestamptz '2026-01-31T23:30:00Z')::timestamp`;
      for (const sql of [
        `INSERT INTO localities (id, name) VALUES (1, 'North')`,
        `INSERT INTO teams (id, name, locality_id, cohort_code) VALUES (1, 'North CP', 1, 'CP')`,
        `INSERT INTO users (id, username, display_name, role, team_id, password_hash, created_at)
           VALUES (1, 'sw', 'Sam', 'socialWorker', 1, 'x', ${stamp})`,
        `INSERT INTO cases (id, case_ref, cohort_code, team_id, opened_on, updated_at)
           VALUES (1, 'C-1', 'CP', 1, '2025-01-01', ${stamp})`,
        `INSERT INTO notifications (kind, recipient_id, subject, payload, created_at)
           VALUES ('test', 1, 'pending', '{}', ${stamp})`,
      ]) {
        await old.query(sql);
      }
      await old.destroy();

      const now = await migrated(url);
      try {
        const [user] = await now.query(`SELECT username, created_at FROM users`);
        expect(user).toEqual({ username: 'sw', created_at: '2026-01-31T23:30:00.000Z' });
        const [kase] = await now.query(`SELECT case_ref, updated_at FROM cases`);
        expect(kase).toEqual({ case_ref: 'C-1', updated_at: '2026-01-31T23:30:00.000Z' });
        const [notice] = await now.query(`SELECT next_attempt_at FROM notifications`);
        expect(notice.next_attempt_at).toBe('1970-01-01T00:00:00.000Z');
        // The unique case reference index survived the rebuild of cases.
        await expect(
          now.query(`INSERT INTO cases (id, case_ref, cohort_code, team_id, opened_on, updated_at)
            VALUES (2, 'C-1', 'CP', 1, '2025-01-01', '2026-02-01T00:00:00.000Z')`),
        ).rejects.toThrow(/cases\.case_ref|unique constraint "IDX_/);
      } finally {
        await now.destroy();
      }
    }));

  it('refuses a row whose parent does not exist, and cascades only what belongs to a row', () =>
    run('schema-keys', async (url) => {
      const db = await migrated(url);
      try {
        const foreignKeys = (await db.createQueryRunner().getTables()).flatMap((t) => t.foreignKeys);
        expect(foreignKeys.length).toBeGreaterThanOrEqual(26);
        const at = `'2026-12-01T09:00:00.000Z'`;
        await expect(
          db.query(`INSERT INTO cases (case_ref, cohort_code, team_id, opened_on, updated_at)
            VALUES ('C-9', 'CP', 999, '2025-01-01', ${at})`),
        ).rejects.toThrow(/foreign key/i);
        await expect(
          db.query(`INSERT INTO audit_compliance (audit_id, item_key, answer) VALUES (999, 'plan', 'met')`),
        ).rejects.toThrow(/foreign key/i);

        await db.query(`INSERT INTO teams (id, name, cohort_code) VALUES (1, 'North CP', 'CP')`);
        await db.query(`INSERT INTO users (id, username, display_name, role, team_id, password_hash, created_at)
          VALUES (1, 'sw', 'Sam', 'socialWorker', 1, 'x', ${at})`);
        await db.query(`INSERT INTO sessions (token_hash, user_id, expires_at, created_at)
          VALUES ('t', 1, '2026-12-01T17:00:00.000Z', ${at})`);
        await expect(db.query(`DELETE FROM teams WHERE id = 1`)).rejects.toThrow(/foreign key/i);
        await db.query(`UPDATE users SET team_id = NULL`);
        await db.query(`DELETE FROM users WHERE id = 1`);
        const [{ n }] = await db.query(`SELECT COUNT(*) AS n FROM sessions`);
        expect(Number(n)).toBe(0);
      } finally {
        await db.destroy();
      }
    }));

  it('stores timestamps from the Clock so that both engines sort and group them by month alike', () =>
    run('schema-months', async (url) => {
      const db = await migrated(url);
      const clock = new FixedClock('2026-03-01T00:00:00.000Z');
      new TimestampSubscriber(db, clock);
      try {
        const instants = [
          '2026-03-01T00:00:00.000Z',
          '2026-02-28T23:59:59.999Z',
          '2026-12-31T23:59:59.999Z',
          '2027-01-01T00:00:00.000Z',
          '2026-02-01T00:00:00.000Z',
        ];
        for (const [n, instant] of instants.entries()) {
          clock.set(instant);
          await db.manager.insert(WorkflowTransition, transition(n));
        }
        const months = await db.query(
          `SELECT substr(at, 1, 7) AS month, COUNT(*) AS n FROM workflow_transitions
           GROUP BY substr(at, 1, 7) ORDER BY month`,
        );
        expect(months.map((r: { month: string; n: unknown }) => [r.month, Number(r.n)])).toEqual([
          ['2026-02', 2],
          ['2026-03', 1],
          ['2026-12', 1],
          ['2027-01', 1],
        ]);
        const sorted = await db.query(`SELECT at FROM workflow_transitions ORDER BY at`);
        expect(sorted.map((r: { at: string }) => r.at)).toEqual([...instants].sort());

        // An update through TypeORM stamps updated_at from the Clock as well.
        clock.set('2026-04-01T08:00:00.000Z');
        const { identifiers } = await db.manager.insert(Locality, { name: 'East' });
        const team = await db.manager.insert(Team, {
          name: 'East CIN',
          localityId: Number(identifiers[0].id),
          cohortCode: 'CIN',
          isUnallocated: false,
        });
        await db.manager.insert(Case, {
          caseRef: 'E-1',
          cohortCode: 'CIN',
          teamId: Number(team.identifiers[0].id),
          worker: null,
          teamManager: null,
          openedOn: '2026-01-05',
          closedOn: null,
        });
        clock.set('2026-05-02T10:30:00.000Z');
        await db.manager.update(Case, { caseRef: 'E-1' }, { closedOn: '2026-05-01' });
        const [kase] = await db.query(`SELECT updated_at FROM cases WHERE case_ref = 'E-1'`);
        expect(kase.updated_at).toBe('2026-05-02T10:30:00.000Z');
      } finally {
        await db.destroy();
      }
    }));
});
