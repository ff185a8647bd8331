import ExcelJS from 'exceljs';
import { Case } from '../libs/cases/case.entity.js';
import { ImportRun } from '../libs/cases/import-run.entity.js';
import { Locality } from '../libs/org/locality.entity.js';
import { Team } from '../libs/org/team.entity.js';
import { testEngines } from './support/engines.js';
import { SSDA903_HEADER } from './support/register-formats.js';
import { loginAs, newOrg, newUser, Role, startTestApp, type TestApp } from './support/test-app.js';

const LONG_REF = 'R'.repeat(5000);
const LONG_TEAM = 'T'.repeat(5000);
const HEADER = 'case_ref,cohort,team,worker,opened_on,closed_on,locality';

/** One good row, then one per way the old import stored what a typed form refuses. */
const BAD_CSV = [
  HEADER,
  'GOOD-1,CIN,North CIN,Ann Worker,2025-01-15,,North',
  `${LONG_REF},CIN,North CIN,Ann Worker,2025-01-15,,North`,
  `LONG-TEAM,CIN,${LONG_TEAM},Ann Worker,2025-01-15,,North`,
  'NUL\u0000REF,CIN,North CIN,Ann Worker,2025-01-15,,North',
  'NUL-WORKER,CIN,North CIN,Ann\u0000Worker,2025-01-15,,North',
  'C1-TEAM,CIN,North\u0085CIN,Ann Worker,2025-01-15,,North',
  `LONG-LOCALITY,CIN,New Team,Ann Worker,2025-01-15,,${'L'.repeat(101)}`,
  `LONG-WORKER,CIN,North CIN,${'W'.repeat(121)},2025-01-15,,North`,
  // Refused by the parser (a duplicate, a blank cohort) with a reference no column could hold.
  `${LONG_REF},CIN,North CIN,Ann Worker,2025-01-15,,North`,
  `${'S'.repeat(65)},,North CIN,Ann Worker,2025-01-15,,North`,
].join('\n');

const CSV_REFUSALS = [
  { row: 3, reason: 'case_ref: must be at most 64 characters' },
  { row: 4, caseRef: 'LONG-TEAM', reason: 'team: must be at most 120 characters' },
  { row: 5, reason: 'case_ref: must not contain a control character' },
  { row: 6, caseRef: 'NUL-WORKER', reason: 'worker: must not contain a control character' },
  { row: 7, caseRef: 'C1-TEAM', reason: 'team: must not contain a control character' },
  { row: 8, caseRef: 'LONG-LOCALITY', reason: 'locality: must be at most 100 characters' },
  { row: 9, caseRef: 'LONG-WORKER', reason: 'worker: must be at most 120 characters' },
  { row: 10, reason: `case_ref ${'R'.repeat(20)}… is a duplicate of row 3` },
  { row: 11, reason: 'cohort is blank' },
];

// PostgreSQL refuses a NUL byte and an over-long varchar where SQLite stores both: both engines.
const engines = await testEngines('register-text-rules');

describe.each(engines)('imported text obeys the typed rules (%s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(databaseUrl());
    await newOrg(t.db, [['North CIN', 'North', 'CIN']]);
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    admin = await loginAs(t, 'admin');
  });

  beforeEach(async () => {
    await t.db.transaction(async (m) => {
      await m.createQueryBuilder().delete().from(Case).execute();
      await m
        .createQueryBuilder()
        .delete()
        .from(Team)
        .where('name <> :name', { name: 'North CIN' })
        .execute();
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  const upload = (files: [string, Buffer | string][], fields: Record<string, string> = {}) => {
    let req = t.http().post('/api/v1/cases/import').set('Authorization', admin);
    for (const [key, value] of Object.entries(fields)) req = req.field(key, value);
    for (const [name, content] of files) req = req.attach('files', Buffer.from(content), name);
    return req;
  };
  const stored = () =>
    t.db.read(async (m) => ({
      cases: (await m.find(Case, { order: { caseRef: 'ASC' } })).map((c) => c.caseRef),
      teams: (await m.find(Team, { order: { name: 'ASC' } })).map((team) => team.name),
      localities: await m.count(Locality),
      runs: await m.count(ImportRun),
    }));

  it('refuses each bad CSV row naming the column and the rule, and stores nothing of it', async () => {
    const response = await upload([['register.csv', BAD_CSV]], { full: 'true' }).expect(201);
    expect(response.body).toMatchObject({ imported: 1, closed: 0 });
    expect(response.body.rejected).toEqual(CSV_REFUSALS);
    expect(response.body.newTeams).toEqual([]);
    await expect(stored()).resolves.toMatchObject({ cases: ['GOOD-1'], teams: ['North CIN'], localities: 1 });
  });

  it('says the same in a dry run, which the real run then matches', async () => {
    const dry = await upload([['register.csv', BAD_CSV]], { dryRun: 'true' }).expect(200);
    expect(dry.body.rejected).toEqual(CSV_REFUSALS);
    await expect(stored()).resolves.toMatchObject({ cases: [], teams: ['North CIN'] });
  });

  it.each<[string, string, string]>([
    ['the same spelling', `${HEADER},team`, 'team'],
    ['another case and spacing', 'case_ref,cohort,Team,worker,opened_on,TEAM ', 'Team'],
    ['the case reference', 'case_ref,cohort,team,worker,opened_on,Case Ref', 'case_ref'],
  ])('refuses a CSV whose header repeats a column (%s), naming it', async (_what, header, name) => {
    const before = await stored();
    const csv = `${header}\nC1,CIN,North CIN,Ann,2025-01-15,x\n`;
    const response = await upload([['register.csv', csv]]).expect(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors).toEqual([
      { field: name, message: expect.stringContaining(`has the column "${name}" 2 times`) },
    ]);
    await expect(stored()).resolves.toEqual(before);
  });

  it('refuses a CSV naming one column by two of its spellings, naming the column', async () => {
    const csv = 'case_ref,cohort,team,worker,opened_on,case_reference\nC1,CIN,North CIN,Ann,2025-01-15,C2\n';
    const response = await upload([['register.csv', csv]]).expect(422);
    expect(response.body.errors).toEqual([
      {
        field: 'case_ref',
        message: 'The header row names the case_ref column twice: "case_ref" and "case_reference"',
      },
    ]);
  });

  it('refuses a CSV missing a required column, naming it', async () => {
    const response = await upload([
      ['register.csv', 'case_ref,cohort,team,opened_on\nC1,CIN,x,2025-01-15\n'],
    ]);
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field: 'worker', message: expect.stringContaining('worker') }]);
  });

  it('refuses bad Annex A rows naming the column as the sheet calls it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('List 6');
    sheet.addRow([
      'Child Unique ID',
      'CIN Start Date',
      'CIN Closure Date',
      'Allocated Team',
      'Allocated Worker',
    ]);
    sheet.addRow(['AA-1', '2024-01-05', null, 'North CIN', 'Ann Worker']);
    sheet.addRow([LONG_REF, '2024-01-05', null, 'North CIN', 'Ann Worker']);
    sheet.addRow(['AA-3', '2024-01-05', null, LONG_TEAM, 'Ann Worker']);
    // XML cannot hold NUL (exceljs drops it); a C1 control is legal XML and must still be refused.
    sheet.addRow(['AA-4', '2024-01-05', null, 'North CIN', 'Ann\u0085Worker']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await upload([['annex-a.xlsx', file]], { asOf: '2025-01-31' }).expect(201);
    expect(response.body).toMatchObject({ imported: 1, newTeams: [] });
    expect(response.body.rejected).toEqual([
      { row: 3, source: 'List 6', reason: 'Child Unique ID: must be at most 64 characters' },
      { row: 4, source: 'List 6', caseRef: 'AA-3', reason: 'Allocated Team: must be at most 120 characters' },
      {
        row: 5,
        source: 'List 6',
        caseRef: 'AA-4',
        reason: 'Allocated Worker: must not contain a control character',
      },
    ]);
    await expect(stored()).resolves.toMatchObject({ cases: ['AA-1'], teams: ['North CIN'] });
  });

  it('refuses an Annex A sheet whose header repeats a column, naming it and the sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('List 6');
    sheet.addRow([
      'Child Unique ID',
      'CIN Start Date',
      'CIN Closure Date',
      'Allocated Team',
      'allocated team',
    ]);
    sheet.addRow(['AA-1', '2024-01-05', null, 'North CIN', 'South CIN']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const before = await stored();
    const response = await upload([['annex-a.xlsx', file]]).expect(422);
    expect(response.body).toMatchObject({ file: 'List 6' });
    expect(response.body.errors).toEqual([
      {
        field: 'Allocated Team',
        message: expect.stringMatching(/^Sheet "List 6": .*"Allocated Team" 2 times/),
      },
    ]);
    await expect(stored()).resolves.toEqual(before);
  });

  it('refuses an SSDA903 child reference that no column could hold, naming CHILD', async () => {
    const header = `${SSDA903_HEADER}${LONG_REF},1,01/01/2010,WBRI,A4,,\nN\u0000UL,1,01/01/2010,WBRI,A5,,\n`;
    const episodes = [
      'CHILD,DECOM,DEC,LS',
      '9001,01/04/2023,,C2',
      `${LONG_REF},01/04/2023,,C2`,
      'N\u0000UL,01/04/2023,,C2',
    ].join('\n');
    const response = await upload([
      ['header.csv', header],
      ['episodes.csv', episodes],
    ]).expect(201);
    expect(response.body).toMatchObject({ format: 'ssda903', imported: 1 });
    expect(response.body.rejected).toEqual([
      { row: 3, source: 'episodes.csv', reason: 'CHILD: must be at most 64 characters' },
      { row: 4, source: 'episodes.csv', reason: 'CHILD: must not contain a control character' },
    ]);
    await expect(stored()).resolves.toMatchObject({ cases: ['9001'] });
  });

  it('refuses an SSDA903 file whose header repeats a column, naming it and the file', async () => {
    const response = await upload([
      ['header.csv', SSDA903_HEADER],
      ['episodes.csv', 'CHILD,DECOM,DEC,DEC\n9001,01/04/2023,,01/05/2023\n'],
    ]).expect(422);
    expect(response.body).toMatchObject({ file: 'episodes.csv' });
    expect(response.body.errors).toEqual([
      {
        field: 'DEC',
        message: expect.stringContaining('episodes.csv: the header row has the column "DEC" 2 times'),
      },
    ]);
  });

  it('refuses a file name with a control character, which the import log would store', async () => {
    const before = await stored();
    // Multipart refuses a C0 control in a header itself; a C1 control (UTF-8 C2 85) gets through.
    const response = await upload([['reg\u0085ister.csv', 'case_ref,cohort,team,worker,opened_on\n']]);
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { field: 'files', message: 'a file name must not contain a control character' },
    ]);
    await expect(stored()).resolves.toEqual(before);
  });

  it('refuses a cycle title longer than its column as PostgreSQL counts it', async () => {
    const title = '\u2764\ufe0f'.repeat(101); // 202 characters; isLength said 101
    const response = await t
      .http()
      .post('/api/v1/cycles')
      .set('Authorization', admin)
      .send({ month: '2026-12', kind: 'themed', title });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { field: 'title', message: 'title must be at most 200 characters' },
    ]);
  });

  it('refuses a control character in any other typed text or query, so PostgreSQL never sees one', async () => {
    const user = await t
      .http()
      .post('/api/v1/org/users')
      .set('Authorization', admin)
      .send({ username: 'nul', displayName: 'Ann\u0000', role: Role.SocialWorker, team: 'North CIN' });
    expect(user.status).toBe(422);
    expect(user.body.errors).toEqual([
      { field: 'displayName', message: 'must not contain a control character' },
    ]);
    const query = await t.http().get('/api/v1/org/users?q=Ann%00').set('Authorization', admin);
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([{ field: 'q', message: 'must not contain a control character' }]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a team name longer than its column',
      { name: 'T'.repeat(121), locality: 'North' },
      'name',
      'at most 120',
    ],
    ['a NUL byte in a team name', { name: 'East\u0000CIN', locality: 'North' }, 'name', 'control character'],
    ['a line break in a team name', { name: 'East\nCIN', locality: 'North' }, 'name', 'control character'],
    // 122 code points that validator.js' isLength counts as 61 (it leaves out variation selectors).
    [
      '61 hearts with variation selectors',
      { name: '\u2764\ufe0f'.repeat(61), locality: 'North' },
      'name',
      'at most 120',
    ],
    [
      'a NUL byte in a locality',
      { name: 'East CIN', locality: 'No\u0000rth' },
      'locality',
      'control character',
    ],
  ])('the typed team API refuses %s with the same rule', async (_what, body, field, rule) => {
    const response = await t.http().post('/api/v1/org/teams').set('Authorization', admin).send(body);
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field, message: expect.stringContaining(rule) }]);
    await expect(stored()).resolves.toMatchObject({ teams: ['North CIN'] });
  });
});
