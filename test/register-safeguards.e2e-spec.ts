import { IsNull } from 'typeorm';
import { Case } from '../libs/cases/case.entity.js';
import { ImportRun } from '../libs/cases/import-run.entity.js';
import { Team } from '../libs/org/team.entity.js';
import { testEngines } from './support/engines.js';
import { registerCsv, spreadCases } from './support/register-files.js';
import { loginAs, newOrg, newUser, Role, startTestApp, type TestApp } from './support/test-app.js';

const TEAMS: [string, string, string][] = [
  ['North CIN', 'North', 'CIN'],
  ['North CP', 'North', 'CP'],
];
const CASES = spreadCases(
  100,
  TEAMS.map(([team, , cohort]) => [team, cohort]),
);
const HEADER_ONLY = 'case_ref,cohort,team,worker,opened_on,closed_on,team_manager\n';

// A full import of the wrong file must not wipe the register: on both engines, because a dry run
// and a refusal roll back work that includes temporary tables.
const engines = await testEngines('register-safeguards');

describe.each(engines)('the full-import safeguards over HTTP (%s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(databaseUrl());
    await newOrg(t.db, TEAMS);
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    admin = await loginAs(t, 'admin');
  });

  // Each test starts from the same register: the 100 cases open, nothing else.
  beforeEach(async () => {
    await t.db.transaction(async (m) => {
      await m.createQueryBuilder().delete().from(Case).execute();
      await m
        .createQueryBuilder()
        .delete()
        .from(Team)
        .where('name NOT IN (:...names)', { names: ['North CIN', 'North CP'] })
        .execute();
    });
    await importCsv(registerCsv(CASES), { asOf: '2026-11-30' }).expect(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  const importCsv = (csv: string, fields: Record<string, string> = {}) => {
    let req = t.http().post('/api/v1/cases/import').set('Authorization', admin);
    for (const [key, value] of Object.entries(fields)) req = req.field(key, value);
    return req.attach('files', Buffer.from(csv), 'register.csv');
  };
  /** What an import could change: cases (open and all), teams and the import log. */
  const snapshot = () =>
    t.db.read(async (m) => ({
      open: await m.count(Case, { where: { closedOn: IsNull() } }),
      cases: JSON.stringify(await m.find(Case, { order: { caseRef: 'ASC' } })),
      teams: await m.count(Team),
      runs: await m.count(ImportRun),
    }));

  it('refuses a header-only CSV imported with full, naming the count, and closes nothing', async () => {
    const before = await snapshot();
    const response = await importCsv(HEADER_ONLY, { full: 'true', asOf: '2026-12-01' }).expect(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ wouldClose: 100, openBefore: 100 });
    expect(response.body.errors).toEqual([
      { field: 'confirmClosures', message: expect.stringMatching(/would close 100 of the 100 open cases/) },
    ]);
    await expect(snapshot()).resolves.toEqual(before);
  });

  it('refuses a confirmation that is not the number it would close', async () => {
    const before = await snapshot();
    const response = await importCsv(HEADER_ONLY, { full: 'true', confirmClosures: '99' }).expect(422);
    expect(response.body.errors[0]).toMatchObject({
      field: 'confirmClosures',
      message: expect.stringMatching(/would close 100 .*not 99/),
    });
    const notANumber = await importCsv(HEADER_ONLY, { full: 'true', confirmClosures: 'all' }).expect(422);
    expect(notANumber.body.errors[0].field).toBe('confirmClosures');
    await expect(snapshot()).resolves.toEqual(before);
  });

  it('closes them when the confirmation states exactly that number', async () => {
    const response = await importCsv(HEADER_ONLY, {
      full: 'true',
      asOf: '2026-12-01',
      confirmClosures: '100',
    }).expect(201);
    expect(response.body).toMatchObject({ dryRun: false, closed: 100, openBefore: 100 });
    await expect(snapshot()).resolves.toMatchObject({ open: 0 });
  });

  it('lets a full import within the allowed share through without confirmation', async () => {
    const response = await importCsv(registerCsv(CASES.slice(0, 90)), { full: 'true' }).expect(201);
    expect(response.body).toMatchObject({ closed: 10, unchanged: 90 });
  });

  it('a dry run writes nothing and reports the figures the real run then gives', async () => {
    const file = registerCsv([
      ...CASES.slice(0, 70),
      { ref: 'NEW-1', cohort: 'CIN', team: 'South CIN' },
      { ref: 'NEW-2', cohort: 'CP', team: 'North CP' },
    ]);
    const before = await snapshot();
    const dry = await importCsv(file, { full: 'true', asOf: '2026-12-01', dryRun: 'true' }).expect(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      openBefore: 100,
      imported: 2,
      closed: 30,
      unchanged: 70,
      newTeams: ['South CIN'],
      wouldRefuse: expect.stringMatching(/would close 30 of the 100/),
    });
    await expect(snapshot()).resolves.toEqual(before);
    const real = await importCsv(file, { full: 'true', asOf: '2026-12-01', confirmClosures: '30' }).expect(
      201,
    );
    const { dryRun: _d, wouldRefuse: _w, ...figures } = dry.body;
    expect(real.body).toEqual({ ...figures, dryRun: false });
    await expect(snapshot()).resolves.toMatchObject({
      open: 72,
      teams: before.teams + 1,
      runs: before.runs + 1,
    });
  });

  it('reports a team the register has never seen as new, and refuses its rows with strictTeams', async () => {
    const file = registerCsv([...CASES, { ref: 'NEW-3', cohort: 'CIN', team: 'West CIN' }]);
    const strict = await importCsv(file, { strictTeams: 'true' }).expect(201);
    expect(strict.body).toMatchObject({ imported: 0, unchanged: 100, newTeams: [] });
    expect(strict.body.rejected).toEqual([
      {
        row: 102,
        caseRef: 'NEW-3',
        reason: expect.stringMatching(/^team: West CIN is not a team the register has seen/),
      },
    ]);
    await expect(t.db.read((m) => m.countBy(Team, { name: 'West CIN' }))).resolves.toBe(0);
    const lenient = await importCsv(file).expect(201);
    expect(lenient.body).toMatchObject({ imported: 1, newTeams: ['West CIN'], rejected: [] });
  });

  it('with strictTeams and full, keeps open the case whose row it refused', async () => {
    const moved = CASES.map((c, i) => (i === 0 ? { ...c, team: 'Nowhere Team' } : c));
    const response = await importCsv(registerCsv(moved), { strictTeams: 'true', full: 'true' }).expect(201);
    expect(response.body).toMatchObject({
      closed: 0,
      rejected: [expect.objectContaining({ caseRef: CASES[0].ref })],
    });
  });
});
