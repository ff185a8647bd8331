import { Cycle } from '../libs/cycles/cycle.entity.js';
import type { AuditLine } from '../libs/cycles/cycle-document.js';
import { testEngines } from './support/engines.js';
import { allPages } from './support/pages.js';
import { registerCsv } from './support/register-files.js';
import { loginAs, newOrg, newUser, Role, startTestApp, type TestApp } from './support/test-app.js';

const engines = await testEngines('cycle-figures');

/**
 * A cycle's figures come from its audits, and no auditor's command writes the cycle row: two
 * auditors starting their first audits at once both succeed (on PostgreSQL they would otherwise
 * race on the cycle's version), and a withdrawal shows in the figures at once.
 */
describe.each(engines)("a cycle's figures (HTTP, %s, real migrations)", (_engine, databaseUrl) => {
  let t: TestApp;
  let admin: string;
  const tokens = new Map<number, string>();
  let cycleId: number;
  let audits: { auditId: number; auditorId: number; state: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp(databaseUrl());
    const org = await newOrg(t.db, [
      ['North CP', 'North', 'CP'],
      ['East CLA', 'East', 'CLA'],
    ]);
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    admin = await loginAs(t, 'admin');
    for (const username of ['ap.one', 'ap.two']) {
      const id = await newUser(t.db, {
        username,
        role: Role.AdvancedPractitioner,
        teamId: org.teams.get('East CLA')!,
      });
      tokens.set(id, await loginAs(t, username));
    }
    const cases = Array.from({ length: 4 }, (_, i) => ({
      ref: `CP-${i + 1}`,
      cohort: 'CP',
      team: 'North CP',
      worker: 'Sam Worker',
    }));
    await t
      .http()
      .post('/api/v1/cases/import')
      .set('Authorization', admin)
      .field('asOf', '2026-11-30')
      .attach('files', Buffer.from(registerCsv(cases)), 'register.csv')
      .expect(201);
  });

  // Each test has a cycle of its own over the same four cases, so none depends on another's changes.
  beforeEach(async () => {
    const opened = await t
      .http()
      .post('/api/v1/cycles')
      .set('Authorization', admin)
      .send({
        month: '2026-12',
        kind: 'themed',
        title: 'CP',
        filter: { cohorts: ['CP'] },
        count: 4,
        tier3Count: 0,
        seed: 'figures',
      })
      .expect(201);
    cycleId = opened.body.id;
    audits = [];
    for (const a of await allPages<AuditLine>(t, `/api/v1/cycles/${cycleId}/audits`, admin)) {
      const shown = await t.http().get(`/api/v1/audits/${a.auditId}`).set('Authorization', admin);
      audits.push({ auditId: a.auditId, auditorId: shown.body.auditor.id, state: shown.body.state });
    }
    expect(opened.body).toMatchObject({ state: 'allocated', allocated: 4, unallocated: 0, started: 0 });
  });

  afterAll(async () => {
    await t?.close();
  });

  const show = async () =>
    (await t.http().get(`/api/v1/cycles/${cycleId}`).set('Authorization', admin).expect(200)).body;
  const lines = () => allPages<AuditLine>(t, `/api/v1/cycles/${cycleId}/audits`, admin);
  const cycleRow = () => t.db.read((m) => m.findOneByOrFail(Cycle, { id: cycleId }));

  it('lets two auditors start their first audits of the cycle at the same moment', async () => {
    const [first, second] = [...tokens.keys()].map((auditorId) =>
      audits.find((a) => a.auditorId === auditorId),
    );
    expect(first && second).toBeTruthy();
    const before = await cycleRow();
    const started = await Promise.all(
      [first!, second!].map((a) =>
        t.http().post(`/api/v1/audits/${a.auditId}/start`).set('Authorization', tokens.get(a.auditorId)!),
      ),
    );
    expect(started.map((r) => [r.status, r.body.state])).toEqual([
      [200, 'inProgress'],
      [200, 'inProgress'],
    ]);
    // Neither start wrote the cycle: its figures say it is under way.
    const after = await cycleRow();
    expect([after.version, after.state]).toEqual([before.version, 'allocated']);
    const doc = await show();
    expect(doc).toMatchObject({ state: 'allocated', allocated: 4, unallocated: 0, started: 2 });
    expect(doc.byState).toMatchObject({ allocated: 2, inProgress: 2, withdrawn: 0, completed: 0 });
  });

  it('counts a withdrawn audit out of the allocated ones at once', async () => {
    const notStarted = (await lines()).find((a) => a.state === 'allocated')!;
    await t
      .http()
      .post(`/api/v1/audits/${notStarted.auditId}/withdraw`)
      .set('Authorization', admin)
      .send({ reason: 'Case closed before the audit' })
      .expect(200);
    const doc = await show();
    expect(doc).toMatchObject({ allocated: 3, unallocated: 0, started: 0, selected: 4 });
    expect(doc.byState).toMatchObject({ allocated: 3, inProgress: 0, withdrawn: 1 });
  });

  it('keeps no allocation counters in the cycle snapshot, even after a reallocation', async () => {
    const line = (await lines()).find((a) => a.state === 'allocated')!;
    const to = [...tokens.keys()].find(
      (id) => id !== audits.find((a) => a.auditId === line.auditId)!.auditorId,
    )!;
    await t
      .http()
      .post(`/api/v1/audits/${line.auditId}/reallocate`)
      .set('Authorization', admin)
      .send({ auditorId: to, reason: 'auditor on leave' })
      .expect(200);
    const row = await cycleRow();
    expect(Object.keys((row.snapshot as { context: object }).context).sort()).toEqual([
      'closedAt',
      'eligible',
      'open',
      'selected',
    ]);
    await expect(show()).resolves.toMatchObject({ allocated: 4, started: 0 });
  });
});
