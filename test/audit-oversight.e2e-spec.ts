import { testEngines } from './support/engines.js';
import { newAudit, newCase, newTeam, type TestContext } from './support/factories.js';
import { loginAs, newUser, Role, startTestApp, type TestApp } from './support/test-app.js';

const engines = await testEngines('audit-oversight');

/**
 * `GET audits`: a head of service sees their locality's audits only, whatever team they ask
 * for; the director sees every locality; filters and counts are the database's.
 */
describe.each(engines)('the oversight list of audits (%s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let ctx: TestContext;
  let north: number;
  let northTeam: number;
  let otherTeam: number;
  let hos: string;
  let director: string;

  beforeAll(async () => {
    t = await startTestApp(databaseUrl());
    ctx = { db: t.db, app: t.app };
    const team = await newTeam(t.db, { cohortCode: 'CP' });
    north = team.localityId!;
    northTeam = team.id;
    otherTeam = (await newTeam(t.db, { cohortCode: 'CIN' })).id;
    const secondNorth = await newTeam(t.db, { cohortCode: 'CLA', localityId: north });
    await newAudit(ctx, { state: 'inModeration', case: await newCase(t.db, { teamId: northTeam }) });
    await newAudit(ctx, { state: 'inProgress', case: await newCase(t.db, { teamId: northTeam }) });
    await newAudit(ctx, {
      state: 'completed',
      case: await newCase(t.db, { teamId: secondNorth.id, cohortCode: 'CLA' }),
    });
    await newAudit(ctx, {
      state: 'completed',
      case: await newCase(t.db, { teamId: otherTeam, cohortCode: 'CIN' }),
    });
    await newUser(t.db, { username: 'hos.oversight', role: Role.HeadOfService, localityId: north });
    await newUser(t.db, { username: 'director.oversight', role: Role.Director });
    await newUser(t.db, { username: 'tm.oversight', role: Role.TeamManager });
    hos = await loginAs(t, 'hos.oversight');
    director = await loginAs(t, 'director.oversight');
  });

  afterAll(async () => {
    await t?.close();
  });

  const list = (auth: string, query = '') =>
    t.http().get(`/api/v1/audits${query}`).set('Authorization', auth).expect(200);

  it('gives a head of service their locality’s audits only, newest first, with month, grade and auditor', async () => {
    const { body } = await list(hos);
    expect(body.total).toBe(3);
    expect(body.items.map((i: { auditId: number }) => i.auditId)).toEqual(
      [...body.items.map((i: { auditId: number }) => i.auditId)].sort((a, b) => b - a),
    );
    expect(body.items[0]).toMatchObject({ month: '2026-12', cohort: 'CLA', state: 'completed' });
    expect(body.items[0].overallGrade).toEqual(expect.any(String));
    expect(body.items[0].auditor).toEqual(expect.any(String));
  });

  it('never reaches past the locality, even when asked for another locality’s team', async () => {
    const { body } = await list(hos, `?team=${otherTeam}`);
    expect(body).toMatchObject({ items: [], total: 0 });
  });

  it('gives the director every locality, and filters by team, cohort, state and grade together', async () => {
    expect((await list(director)).body.total).toBeGreaterThanOrEqual(4);
    expect((await list(director, `?team=${otherTeam}`)).body.total).toBe(1);
    expect((await list(director, `?team=${northTeam}&state=inProgress`)).body.total).toBe(1);
    expect((await list(hos, '?cohort=CLA&state=completed')).body.total).toBe(1);
    const graded = (await list(hos, '?state=inModeration')).body.items[0].overallGrade as string;
    expect((await list(hos, `?grade=${graded}&state=inModeration`)).body.total).toBe(1);
    expect((await list(hos, '?cohort=CIN')).body.total).toBe(0);
  });

  it('treats an empty filter as none, counts across pages and cuts the page in SQL', async () => {
    const { body } = await list(hos, '?team=&cohort=&state=&grade=&pageSize=2&page=2');
    expect(body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(body.items).toHaveLength(1);
  });

  it('refuses a state or grade it does not know, naming the field', async () => {
    const response = await t.http().get('/api/v1/audits?state=lost').set('Authorization', hos).expect(422);
    expect(JSON.stringify(response.body)).toContain('state');
    await t.http().get('/api/v1/audits?grade=great').set('Authorization', hos).expect(422);
    await t.http().get('/api/v1/audits?team=x').set('Authorization', hos).expect(422);
  });

  it('is not for auditors', async () => {
    const tm = await loginAs(t, 'tm.oversight');
    await t.http().get('/api/v1/audits').set('Authorization', tm).expect(403);
  });
});
