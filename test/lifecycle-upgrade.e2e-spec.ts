import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AuditTool } from '../libs/audit-tools/audit-tool.entity.js';
import { DEFAULT_AUDIT_TOOL } from './support/default-audit-tool.js';
import { Cycle } from '../libs/cycles/cycle.entity.js';
import { databaseOptions } from '../libs/persistence/database-options.js';
import { MIGRATIONS } from '../libs/persistence/migrations/index.js';
import { testEngines } from './support/engines.js';
import { loginAs, newUser, Role, startTestApp, type TestApp } from './support/test-app.js';

// Empty databases: the test migrates them part of the way itself, then writes rows as they were.
const engines = await testEngines('lifecycle-upgrade', { migrated: false });
const BEFORE = MIGRATIONS.findIndex((m) => m.name === 'AuditToolWorkflow1764100000000');

/** A v1 cycle that the first START of one of its audits had put in progress. */
const CYCLE_V1_IN_PROGRESS = JSON.stringify({
  status: 'active',
  value: 'inProgress',
  historyValue: {},
  context: {
    open: 2,
    eligible: 2,
    selected: 2,
    allocated: 2,
    unallocated: 0,
    reallocations: 1,
    closedAt: null,
  },
  children: {},
});

/**
 * Audit tools kept their lifecycle in a `status` column, and cycles went `inProgress` on their
 * first audit's START. After the new migrations, tool versions are runs of the audit-tool
 * machine and move only through the workflow runner, and old cycles carry on with machine v2.
 */
describe.each(engines)('tool versions and cycles written before the lifecycle migrations (%s)', (_e, url) => {
  let t: TestApp;
  let admin: string;
  /** The tool versions as the migrations left them, read before any test changes one. */
  let migrated: AuditTool[];
  let listed: { key: string; status: string }[];

  beforeAll(async () => {
    const databaseUrl = url();
    const before = await new DataSource({
      ...databaseOptions(databaseUrl),
      migrations: MIGRATIONS.slice(0, BEFORE),
    }).initialize();
    await before.runMigrations();
    const p = (n: number) => (before.options.type === 'postgres' ? `$${n}` : '?');
    await before.query(
      `INSERT INTO audit_tools (key, version, title, status, definition, published_at, retired_at, created_by, row_version)
       VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(p).join(', ')}), (${[10, 11, 12, 13, 14, 15, 16, 17, 18].map(p).join(', ')})`,
      [
        ...[
          'standard',
          2,
          'Toolkit 2027',
          'draft',
          JSON.stringify(DEFAULT_AUDIT_TOOL),
          null,
          null,
          'admin',
          3,
        ],
        ...[
          'neglect',
          1,
          'Neglect',
          'retired',
          JSON.stringify(DEFAULT_AUDIT_TOOL),
          '2026-01-01',
          '2026-06-01',
          'admin',
          2,
        ],
      ],
    );
    await before.query(
      `INSERT INTO cycles (kind, month, monthly_key, as_of, deadline, rate, seed, exclude_months, tier3_count, filter,
         strata, machine_id, machine_version, state, snapshot, version, created_by)
       VALUES ('monthly', '2026-10', '2026-10', '2026-10-01', '2026-10-31', 0.1, 'old', 6, 0, '{}', '[]',
         'auditCycle', '1', 'inProgress', ${p(1)}, 4, 'first release')`,
      [CYCLE_V1_IN_PROGRESS],
    );
    await before.destroy();
    t = await startTestApp(databaseUrl);
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    admin = await loginAs(t, 'admin');
    migrated = await t.db.read((m) => m.find(AuditTool, { order: { key: 'ASC', version: 'ASC' } }));
    listed = (await t.http().get('/api/v1/audit-tools').set('Authorization', admin).expect(200)).body.items;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('fills the workflow columns of every tool version from its status', async () => {
    const tools = migrated;
    expect(
      tools.map((tool) => [tool.key, tool.version, tool.machineId, tool.machineVersion, tool.state]),
    ).toEqual([
      ['neglect', 1, 'auditTool', '1', 'retired'],
      ['standard', 1, 'auditTool', '1', 'published'],
      ['standard', 2, 'auditTool', '1', 'draft'],
    ]);
    expect(tools.map((tool) => (tool.snapshot as { value: string; status: string }).status)).toEqual([
      'done',
      'active',
      'active',
    ]);
    expect(listed.map((tool) => `${tool.key}:${tool.status}`)).toEqual([
      'neglect:retired',
      'standard:draft', // newest version first
      'standard:published',
    ]);
  });

  it('publishes a migrated draft through the machine, and refuses to retire a migrated retired version', async () => {
    const draft = await t.db.read((m) => m.findOneByOrFail(AuditTool, { key: 'standard', version: 2 }));
    const published = await t
      .http()
      .post(`/api/v1/audit-tools/${draft.id}/publish`)
      .set('Authorization', admin);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', rowVersion: 4 });
    const history = await t.http().get(`/api/v1/audit-tools/${draft.id}/history`).set('Authorization', admin);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        event: 'PUBLISH',
        fromState: 'draft',
        toState: 'published',
        machineVersion: '1',
      }),
    ]);
    const retired = await t.db.read((m) => m.findOneByOrFail(AuditTool, { key: 'neglect' }));
    const again = await t.http().post(`/api/v1/audit-tools/${retired.id}/retire`).set('Authorization', admin);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'retired',
      event: 'RETIRE',
      detail: 'RETIRE is not allowed while the audit tool is retired',
    });
  });

  it('reads a cycle that v1 had in progress as allocated, and closes it with machine v2', async () => {
    const cycle = await t.db.read((m) => m.findOneByOrFail(Cycle, { monthlyKey: '2026-10' }));
    expect([cycle.state, cycle.machineVersion]).toEqual(['allocated', '1']);
    const closed = await t.http().post(`/api/v1/cycles/${cycle.id}/close`).set('Authorization', admin);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'closed', selected: 2, allocated: 0 });
    const row = await t.db.read((m) => m.findOneByOrFail(Cycle, { id: cycle.id }));
    expect(row.machineVersion).toBe('2');
    expect((row.snapshot as { context: object }).context).toEqual({
      open: 2,
      eligible: 2,
      selected: 2,
      closedAt: expect.any(String),
    });
  });
});
