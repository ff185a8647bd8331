import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { hashPassword } from '../libs/org/index.js';
import { Audit } from '../libs/audits/audit.entity.js';
import { databaseOptions } from '../libs/persistence/database-options.js';
import { MIGRATIONS } from '../libs/persistence/migrations/index.js';
import { sqliteTestUrl, startTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

/**
 * Audits written by the first release kept their progress in a status column. After the
 * audit-workflow migration they are audit machine version 1 snapshots, and the workflow runner
 * lifts them to the current version the first time an event reaches them.
 */
describe('audits written by the first release', () => {
  const url = sqliteTestUrl('audit-upgrade');
  let t: TestApp;
  /** The audit rows as the migrations left them, read before any test changes one. */
  let migrated: Audit[];

  beforeAll(async () => {
    const firstRelease = await new DataSource({
      ...databaseOptions(url),
      migrations: MIGRATIONS.slice(0, 2),
    }).initialize();
    await firstRelease.runMigrations();
    const hash = await hashPassword(TEST_PASSWORD);
    const cycleSnapshot = JSON.stringify({
      status: 'active',
      value: 'allocated',
      historyValue: {},
      context: {
        open: 2,
        eligible: 2,
        selected: 2,
        allocated: 2,
        unallocated: 0,
        reallocations: 0,
        closedAt: null,
      },
      children: {},
    });
    for (const sql of [
      `INSERT INTO localities (id, name) VALUES (1, 'North')`,
      `INSERT INTO teams (id, name, locality_id, cohort_code, is_unallocated) VALUES (1, 'North CP', 1, 'CP', 0)`,
      `INSERT INTO users (id, username, display_name, role, team_id, locality_id, password_hash, active)
         VALUES (7, 'ap.first', 'First Release AP', 'advanced_practitioner', NULL, 1, '${hash}', 1)`,
      `INSERT INTO cases (id, case_ref, cohort_code, team_id, opened_on) VALUES (1, 'OLD-1', 'CP', 1, '2025-01-01'),
         (2, 'OLD-2', 'CP', 1, '2025-01-01')`,
      `INSERT INTO cycles (id, kind, month, monthly_key, as_of, deadline, rate, seed, exclude_months, tier3_count, filter,
         strata, machine_id, machine_version, state, snapshot, version, created_by)
         VALUES (1, 'monthly', '2026-10', '2026-10', '2026-10-01', '2026-10-31', 0.1, 'old', 6, 0, '{}', '[]',
         'auditCycle', '1', 'allocated', '${cycleSnapshot}', 3, 'first release')`,
      `INSERT INTO audits (id, cycle_id, case_id, team_id, cohort_code, selection_rank, recently_audited, tier, auditor_id,
         status, withdrawn_reason, version) VALUES
         (1, 1, 1, 1, 'CP', 'aa', 0, 2, 7, 'allocated', NULL, 1),
         (2, 1, 2, 1, 'CP', 'bb', 0, 2, 7, 'withdrawn', 'Case closed', 2)`,
    ]) {
      await firstRelease.query(sql);
    }
    await firstRelease.destroy();
    t = await startTestApp(url);
    migrated = await t.db.read((m) => m.find(Audit, { order: { id: 'ASC' } }));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('become version 1 snapshots with their state in the queryable column', async () => {
    expect(migrated.map((a) => [a.state, a.machineVersion, a.snapshot])).toEqual([
      ['allocated', '1', { status: 'allocated' }],
      ['withdrawn', '1', { status: 'withdrawn' }],
    ]);
  });

  it('are restored by the current machine: the auditor starts the audit, and the row is upgraded', async () => {
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'ap.first', password: TEST_PASSWORD });
    const token = `Bearer ${login.body.token as string}`;
    const started = await t.http().post('/api/v1/audits/1/start').set('Authorization', token).expect(200);
    expect(started.body.state).toBe('inProgress');
    const row = await t.db.read((m) => m.findOneByOrFail(Audit, { id: 1 }));
    expect(row.machineVersion).toBe('2');
    expect((row.snapshot as { context: { auditorId: number } }).context.auditorId).toBe(7);
    const withdrawn = await t.http().post('/api/v1/audits/2/start').set('Authorization', token);
    expect(withdrawn.status).toBe(409);
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', event: 'START' });
  });
});
