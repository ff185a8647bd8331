import { Case } from '../libs/cases/case.entity.js';
import { Audit } from '../libs/audits/audit.entity.js';
import { Cycle } from '../libs/cycles/cycle.entity.js';
import type { AuditLine, CycleDocument } from '../libs/cycles/cycle-document.js';
import { allPages } from './support/pages.js';
import { Team } from '../libs/org/team.entity.js';
import { testEngines } from './support/engines.js';
import { registerCsv, spreadCases } from './support/register-files.js';
import { loginAs, newOrg, newUser, Role, startTestApp, type TestApp } from './support/test-app.js';

const TEAMS: [string, string, string][] = [
  ['North CIN', 'North', 'CIN'],
  ['North CP', 'North', 'CP'],
  ['East CLA', 'East', 'CLA'],
  ['East Leaving Care', 'East', 'CL'],
];

// The same journey on both engines: SQLite (the default) and PostgreSQL when a server answers.
// The register tests and the cycle tests each have a database of their own on each engine.
const cycleEngines = await testEngines('register-and-cycle');
const engines = (await testEngines('register-import')).map(
  ([engine, importUrl], i) => [engine, importUrl, cycleEngines[i][1]] as const,
);

describe.each(engines)(
  'register import and the monthly cycle (HTTP, %s, real migrations)',
  (engine, importUrl, cycleUrl) => {
    let t: TestApp;
    let admin: string;
    let worker: string;
    let userIds: Map<string, number>;

    /** A fresh app and database with the organisation and its people, and no cases yet. */
    async function start(databaseUrl: () => string) {
      t = await startTestApp(databaseUrl());
      const org = await newOrg(t.db, TEAMS);
      userIds = new Map();
      const people: [string, Role, string | null][] = [
        ['admin', Role.Administrator, null],
        ['tm.north-cin', Role.TeamManager, 'North CIN'],
        ['tm.north-cp', Role.TeamManager, 'North CP'],
        ['tm.east-cla', Role.TeamManager, 'East CLA'],
        ['ap.north', Role.AdvancedPractitioner, 'North CIN'],
        ['ap.east', Role.AdvancedPractitioner, 'East CLA'],
        ['sm.one', Role.SeniorManager, null],
        ['iro.one', Role.Iro, null],
        ['hos.north', Role.HeadOfService, null],
        ['director', Role.Director, null],
        ['sw.north', Role.SocialWorker, 'North CIN'],
      ];
      for (const [username, role, team] of people) {
        userIds.set(
          username,
          await newUser(t.db, { username, role, teamId: team ? org.teams.get(team)! : null }),
        );
      }
      admin = await loginAs(t, 'admin');
      worker = await loginAs(t, 'sw.north');
    }

    const cases = spreadCases(
      400,
      TEAMS.map(([team, , cohort]) => [team, cohort]),
    ).map((c, i) => ({ ...c, worker: i % 4 === 0 ? 'ap.north' : c.worker }));

    const importCsv = (csv: string, fields: Record<string, string> = {}) => {
      let req = t.http().post('/api/v1/cases/import').set('Authorization', admin);
      for (const [key, value] of Object.entries(fields)) req = req.field(key, value);
      return req.attach('files', Buffer.from(csv), 'register.csv');
    };
    const countCases = () => t.db.read((m) => m.count(Case));
    const importAll = () => importCsv(registerCsv(cases), { asOf: '2026-11-30' }).expect(201);

    describe('importing the register', () => {
      beforeAll(() => start(importUrl));
      afterAll(async () => {
        await t?.close();
      });
      // Each test starts from an empty register (imports touch every open case).
      beforeEach(async () => {
        await t.db.transaction(async (m) => {
          await m.createQueryBuilder().delete().from(Case).execute();
          await m.createQueryBuilder().delete().from(Team).where({ isUnallocated: true }).execute();
        });
      });

      it('refuses callers who are not logged in, and roles that may not import', async () => {
        const anonymous = await t
          .http()
          .post('/api/v1/cases/import')
          .attach('files', Buffer.from('x'), 'r.csv');
        expect(anonymous.status).toBe(401);
        expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
        const forbidden = await t
          .http()
          .post('/api/v1/cases/import')
          .set('Authorization', worker)
          .attach('files', Buffer.from(registerCsv(cases)), 'r.csv');
        expect(forbidden.status).toBe(403);
        await expect(countCases()).resolves.toBe(0);
      });

      it('imports a CSV register, and importing it again changes nothing', async () => {
        const first = await importCsv(registerCsv(cases), { asOf: '2026-11-30' }).expect(201);
        expect(first.body).toMatchObject({
          format: 'csv',
          imported: 400,
          updated: 0,
          closed: 0,
          unchanged: 0,
          rejected: [],
        });
        const again = await importCsv(registerCsv(cases), { asOf: '2026-11-30' }).expect(201);
        expect(again.body).toMatchObject({
          imported: 0,
          updated: 0,
          closed: 0,
          unchanged: 400,
          rejected: [],
        });
        await expect(countCases()).resolves.toBe(400);
      });

      it('reports each bad row with its number and reason while importing the good ones', async () => {
        const csv = [
          'Case Ref,COHORT,team,worker,opened_on,extra',
          'NEW-1,CIN,North CIN,someone,2025-02-01,x',
          ',CIN,North CIN,someone,2025-02-01,x',
          'NEW-2,CP,North CP,someone,31/02/2025,x',
          'NEW-3,ZZZ,North CP,someone,2025-02-01,x',
          'NEW-4,CP,#N/A,someone,2025-02-01,x',
        ].join('\n');
        const response = await importCsv(csv).expect(201);
        expect(response.body.imported).toBe(2);
        const rows = (response.body.rejected as { row: number; reason: string }[]).map((r) => r.row).sort();
        expect(rows).toEqual([3, 4, 5]);
        expect(response.body.rejected.find((r: { row: number }) => r.row === 5).reason).toMatch(/cohort/);
        expect(response.body.newTeams).toEqual(['Unallocated']);
      });

      it('rejects a file missing a required column whole, naming the column, and writes nothing', async () => {
        const before = await countCases();
        const response = await importCsv('case_ref,team,worker,opened_on\nX-1,North CIN,w,2025-01-01\n');
        expect(response.status).toBe(422);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body.errors[0].field).toBe('cohort');
        await expect(countCases()).resolves.toBe(before);
      });

      it('refuses a register date that has not come yet, and writes nothing', async () => {
        const before = await countCases();
        const response = await importCsv(registerCsv(cases), { asOf: '2026-12-16' }).expect(422);
        expect(response.body.errors).toEqual([{ field: 'asOf', message: 'must not be in the future' }]);
        await expect(countCases()).resolves.toBe(before);
      });

      it('with full, closes open cases the file no longer lists (never deletes them)', async () => {
        await importAll();
        const kept = cases.slice(0, 390);
        const response = await importCsv(registerCsv(kept), { full: 'true', asOf: '2026-11-30' }).expect(201);
        expect(response.body.closed).toBe(10);
        const closed = await t.db.read((m) => m.count(Case, { where: { caseRef: cases[395].ref } }));
        expect(closed).toBe(1);
        const reopen = await importCsv(registerCsv(cases), { asOf: '2026-11-30' }).expect(201);
        expect(reopen.body.updated).toBe(10);
      });

      it('with full, never closes a case whose row was rejected: it is in the file, just unreadable', async () => {
        await importAll();
        const csv = registerCsv(cases).split('\n');
        csv[1] = csv[1].replace('2025-01-15', '31/02/2025');
        const response = await importCsv(csv.join('\n'), { full: 'true', asOf: '2026-11-30' }).expect(201);
        expect(response.body.rejected).toEqual([expect.objectContaining({ row: 2, caseRef: cases[0].ref })]);
        expect(response.body.closed).toBe(0);
        const kept = await t.db.read((m) => m.findOneByOrFail(Case, { caseRef: cases[0].ref }));
        expect(kept.closedOn).toBeNull();
      });
    });

    describe('the monthly cycle over the imported register', () => {
      let cycleId: number;
      /** The document POST /cycles answered for December, before any test changed anything. */
      let opened: CycleDocument;

      beforeAll(async () => {
        await start(cycleUrl);
        await importAll();
        const response = await t
          .http()
          .post('/api/v1/cycles')
          .set('Authorization', admin)
          .send({ month: '2026-12', seed: 'e2e-seed', tier3Count: 2 })
          .expect(201);
        opened = response.body;
        cycleId = opened.id;
      });
      afterAll(async () => {
        await t?.close();
      });

      it('opens the monthly cycle: a stratified 10% sample, allocated away from the case worker and manager', async () => {
        const doc = opened;
        const audits = await allPages<AuditLine>(t, `/api/v1/cycles/${cycleId}/audits`, admin);
        expect(doc).toMatchObject({
          month: '2026-12',
          seed: 'e2e-seed',
          rate: 0.1,
          state: 'allocated',
          open: 400,
        });
        expect(doc.selected).toBe(40);
        expect(doc.strata.reduce((sum: number, s: { selected: number }) => sum + s.selected, 0)).toBe(40);
        for (const s of doc.strata) expect(Math.abs(s.selected - s.quota)).toBeLessThan(1);
        expect(doc).toMatchObject({ auditCount: 40, allocated: 40, unallocated: 0 });
        expect(audits).toHaveLength(40);
        expect(audits.filter((a) => a.tier === 3)).toHaveLength(2);
        const byRef = new Map(cases.map((c) => [c.ref, c]));
        for (const audit of audits) {
          const c = byRef.get(audit.caseRef)!;
          expect(audit.auditorUsername).not.toBe(c.worker);
          expect(audit.auditorUsername).not.toBe(`tm.${c.team.toLowerCase().replace(/ /g, '-')}`);
        }
        const loads = new Map<string, number>();
        for (const a of audits.filter((x) => x.tier === 2)) {
          loads.set(a.auditorUsername!, (loads.get(a.auditorUsername!) ?? 0) + 1);
        }
        expect(loads.size).toBe(7); // 3 team managers, 2 APs, a senior manager, an IRO
        expect(Math.max(...loads.values()) - Math.min(...loads.values())).toBeLessThanOrEqual(1);
      });

      it('reads the cycle back as the same document, by id and by month', async () => {
        const byId = await t.http().get(`/api/v1/cycles/${cycleId}`).set('Authorization', admin).expect(200);
        const byMonth = await t
          .http()
          .get('/api/v1/cycles/monthly/2026-12')
          .set('Authorization', admin)
          .expect(200);
        expect(byMonth.body).toEqual(byId.body);
        expect(byId.body.audits).toBeUndefined(); // the document carries figures; audits are paged
        expect(byId.body.auditCount).toBe(40);
        const history = await t
          .http()
          .get(`/api/v1/cycles/${cycleId}/history`)
          .set('Authorization', admin)
          .expect(200);
        expect(history.body).toMatchObject({ page: 1, pageSize: 50, total: 3 });
        expect(
          history.body.items.map((h: { event: string; toState: string }) => `${h.event}->${h.toState}`),
        ).toEqual(['CREATE->draft', 'SELECT->selected', 'ALLOCATE->allocated']);
      });

      it('refuses a second monthly cycle for the month, naming the one that exists', async () => {
        const response = await t
          .http()
          .post('/api/v1/cycles')
          .set('Authorization', admin)
          .send({ month: '2026-12' });
        expect(response.status).toBe(409);
        expect(response.body.detail).toContain(`cycle ${cycleId}`);
        await expect(t.db.read((m) => m.count(Cycle, { where: { monthlyKey: '2026-12' } }))).resolves.toBe(1);
      });

      it('lets exactly one of two simultaneous opens of a month through; the other gets 409', async () => {
        const open = () =>
          t.http().post('/api/v1/cycles').set('Authorization', admin).send({ month: '2027-02' });
        const statuses = (await Promise.all([open(), open()])).map((r) => r.status).sort();
        expect(statuses).toEqual([201, 409]);
        await expect(t.db.read((m) => m.count(Cycle, { where: { monthlyKey: '2027-02' } }))).resolves.toBe(1);
      });

      it('refuses bad requests with problem+json naming the field, and writes nothing', async () => {
        const cyclesBefore = await t.db.read((m) => m.count(Cycle));
        const bad = await t
          .http()
          .post('/api/v1/cycles')
          .set('Authorization', admin)
          .send({ month: '2026-13', rate: 7 });
        expect(bad.status).toBe(422);
        expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['month', 'rate']);
        const unknown = await t
          .http()
          .post('/api/v1/cycles')
          .set('Authorization', admin)
          .send({ month: '2027-01', colour: 'red' });
        expect(unknown.status).toBe(422);
        expect(unknown.body.errors[0].field).toBe('colour');
        const notAnId = await t.http().get('/api/v1/cycles/abc').set('Authorization', admin);
        expect(notAnId.status).toBe(422);
        expect(notAnId.body.errors[0].field).toBe('id');
        const notFound = await t.http().get('/api/v1/cycles/9999').set('Authorization', admin);
        expect(notFound.status).toBe(404);
        await expect(t.db.read((m) => m.count(Cycle))).resolves.toBe(cyclesBefore);
      });

      it('refuses to close a cycle with audits outstanding (409 naming state and event)', async () => {
        const response = await t.http().post(`/api/v1/cycles/${cycleId}/close`).set('Authorization', admin);
        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({ state: 'allocated', event: 'CLOSE' });
      });

      it('pages a cycle’s audits in SQL order: every audit once, with the total, and refuses bad paging', async () => {
        const page = (query: string) =>
          t.http().get(`/api/v1/cycles/${cycleId}/audits${query}`).set('Authorization', admin);
        const all = await allPages<AuditLine>(t, `/api/v1/cycles/${cycleId}/audits`, admin);
        const pieces: AuditLine[] = [];
        for (let n = 1; n <= 6; n++) {
          const response = await page(`?page=${n}&pageSize=7`).expect(200);
          expect(response.body).toMatchObject({ page: n, pageSize: 7, total: 40 });
          pieces.push(...response.body.items);
        }
        expect(pieces.map((a) => a.auditId)).toEqual(all.map((a) => a.auditId));
        expect(new Set(pieces.map((a) => a.auditId)).size).toBe(40);
        await expect(page('?page=7&pageSize=7').then((r) => r.body.items)).resolves.toEqual([]);
        expect((await page('').expect(200)).body).toMatchObject({ page: 1, pageSize: 50, total: 40 });
        for (const [query, field] of [
          ['?pageSize=501', 'pageSize'],
          ['?pageSize=0', 'pageSize'],
          ['?pageSize=1e2', 'pageSize'],
          ['?page=0', 'page'],
          ['?page=-1', 'page'],
          ['?page=two', 'page'],
          ['?limit=10', 'limit'],
        ]) {
          const refused = await page(query);
          expect([query, refused.status, refused.body.errors?.[0]?.field]).toEqual([query, 422, field]);
        }
        expect((await page('?pageSize=501')).body.errors[0].message).toMatch(/at most 500/);
        await t.http().get('/api/v1/cycles/999999/audits').set('Authorization', admin).expect(404);
        const cycles = await allPages<{ id: number; month: string }>(t, '/api/v1/cycles', admin);
        await expect(t.db.read((m) => m.count(Cycle))).resolves.toBe(cycles.length);
        const first = await t.http().get('/api/v1/cycles?pageSize=1').set('Authorization', admin).expect(200);
        expect(first.body).toEqual({ items: [cycles[0]], page: 1, pageSize: 1, total: cycles.length });
        expect(cycles.map((c) => c.month)).toEqual(
          cycles
            .map((c) => c.month)
            .sort()
            .reverse(),
        );
      });

      it('lets an administrator reallocate (recorded in the history) but never to a conflicted auditor', async () => {
        // A cycle of its own, so December's history stays as the draw left it.
        const doc = (
          await t
            .http()
            .post('/api/v1/cycles')
            .set('Authorization', admin)
            .send({
              month: '2026-12',
              kind: 'themed',
              title: 'Reallocation',
              count: 2,
              tier3Count: 0,
              filter: { teams: ['North CP'] },
            })
            .expect(201)
        ).body;
        const audits = await allPages<AuditLine>(t, `/api/v1/cycles/${doc.id}/audits`, admin);
        const audit = audits.find((a) => a.team === 'North CP' && a.tier === 2)!;
        const conflicted = await t
          .http()
          .post(`/api/v1/audits/${audit.auditId}/reallocate`)
          .set('Authorization', admin)
          .send({ auditorId: userIds.get('tm.north-cp'), reason: 'testing the rule' });
        expect(conflicted.status).toBe(422);
        expect(conflicted.body.errors[0].field).toBe('auditorId');
        await t
          .http()
          .post(`/api/v1/audits/${audit.auditId}/reallocate`)
          .set('Authorization', admin)
          .send({ auditorId: userIds.get('iro.one'), reason: 'auditor on leave' })
          .expect(200);
        const history = await t
          .http()
          .get(`/api/v1/cycles/${doc.id}/history`)
          .set('Authorization', admin)
          .expect(200);
        const last = history.body.items[history.body.items.length - 1];
        expect(last).toMatchObject({ event: 'REALLOCATE', actorLabel: 'admin (administrator)' });
        expect(last.detail).toMatchObject({ auditId: audit.auditId, toAuditorId: userIds.get('iro.one') });
      });

      it('closes a themed cycle by itself once every audit is withdrawn with a reason', async () => {
        const opened = await t
          .http()
          .post('/api/v1/cycles')
          .set('Authorization', admin)
          .send({
            month: '2026-12',
            kind: 'themed',
            title: 'Care leavers',
            count: 2,
            filter: { cohorts: ['CL'] },
          })
          .expect(201);
        const themedAudits = await allPages<AuditLine>(t, `/api/v1/cycles/${opened.body.id}/audits`, admin);
        expect(themedAudits).toHaveLength(2);
        for (const a of themedAudits) expect(a.cohort).toBe('CL');
        for (const a of themedAudits) {
          const noReason = await t
            .http()
            .post(`/api/v1/audits/${a.auditId}/withdraw`)
            .set('Authorization', admin)
            .send({});
          expect(noReason.status).toBe(422);
          await t
            .http()
            .post(`/api/v1/audits/${a.auditId}/withdraw`)
            .set('Authorization', admin)
            .send({ reason: 'Case closed before the audit' })
            .expect(200);
        }
        // The last withdrawal resolved the cycle's last audit: it closed by itself, as the system.
        const closed = await t
          .http()
          .get(`/api/v1/cycles/${opened.body.id}`)
          .set('Authorization', admin)
          .expect(200);
        expect(closed.body.state).toBe('closed');
        const again = await t
          .http()
          .post(`/api/v1/cycles/${opened.body.id}/close`)
          .set('Authorization', admin);
        expect(again.status).toBe(409);
        expect(again.body).toMatchObject({ state: 'closed', event: 'CLOSE' });
      });

      it('shows an auditor their own allocations only', async () => {
        const iro = await loginAs(t, 'iro.one');
        const mine = await t.http().get('/api/v1/my/audits').set('Authorization', iro).expect(200);
        const stored = await t.db.read((m) =>
          m.count(Audit, { where: { auditorId: userIds.get('iro.one') } }),
        );
        expect(mine.body).toMatchObject({ total: stored, page: 1, pageSize: 50 });
        expect(mine.body.items).toHaveLength(stored);
        expect(stored).toBeGreaterThan(0);
        const forbidden = await t.http().get(`/api/v1/cycles/${cycleId}`).set('Authorization', iro);
        expect(forbidden.status).toBe(403);
      });

      it('serves health without a login and OpenAPI at /api/docs', async () => {
        await t
          .http()
          .get('/health')
          .expect(200, { status: 'ok', database: engine === 'PostgreSQL' ? 'postgres' : 'sqlite' });
        const spec = await t.http().get('/api/docs/openapi.json').expect(200);
        expect(Object.keys(spec.body.paths)).toEqual(
          expect.arrayContaining(['/api/v1/cycles', '/api/v1/cases/import']),
        );
      });
    });
  },
);
