import { Case } from '../libs/cases/case.entity.js';
import { Team } from '../libs/org/team.entity.js';
import {
  annexAWorkbook,
  SSDA903_EPISODES as EPISODES,
  SSDA903_HEADER as HEADER,
} from './support/register-formats.js';
import {
  loginAs,
  newOrg,
  newUser,
  Role,
  sqliteTestUrl,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

describe('register formats over HTTP: Ofsted Annex A and the DfE SSDA903 return', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('register-formats'));
    await newOrg(t.db, [
      ['North CIN', 'North', 'CIN'],
      ['North CP', 'North', 'CP'],
      ['East CLA', 'East', 'CLA'],
    ]);
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    admin = await loginAs(t, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  // Each test starts from an empty register, so what one imports never shows in another.
  beforeEach(async () => {
    await t.db.transaction(async (m) => {
      await m.createQueryBuilder().delete().from(Case).execute();
      await m.createQueryBuilder().delete().from(Team).where({ isUnallocated: true }).execute();
    });
  });

  const upload = (files: [string, Buffer][], fields: Record<string, string> = {}) => {
    let req = t.http().post('/api/v1/cases/import').set('Authorization', admin);
    for (const [key, value] of Object.entries(fields)) req = req.field(key, value);
    for (const [name, content] of files) req = req.attach('files', content, name);
    return req;
  };
  const cases = () => t.db.read((m) => m.find(Case, { order: { caseRef: 'ASC' } }));

  it('imports an Annex A workbook: one case per child, the most specific cohort, unknown teams unallocated', async () => {
    const response = await upload([['annex-a.xlsx', await annexAWorkbook()]], { asOf: '2024-12-01' }).expect(
      201,
    );
    expect(response.body).toMatchObject({ format: 'annex-a', imported: 4, updated: 0 });
    expect(response.body.rejected).toEqual([expect.objectContaining({ row: 7, source: 'List 6 - CIN' })]);
    const stored = await cases();
    const byRef = new Map(stored.map((c) => [c.caseRef, c]));
    expect(byRef.get('AA-1')).toMatchObject({
      cohortCode: 'CP',
      worker: 'Worker Five',
      closedOn: null,
      openedOn: '2024-05-10',
    });
    expect(byRef.get('AA-2')).toMatchObject({
      cohortCode: 'CIN',
      closedOn: '2024-06-01',
      openedOn: '2024-02-03',
    });
    expect(byRef.get('AA-5')).toMatchObject({ cohortCode: 'CLA', openedOn: '2023-09-01' });
    expect(response.body.newTeams).toEqual(['Unallocated']);
    const again = await upload([['annex-a.xlsx', await annexAWorkbook()]], { asOf: '2024-12-01' }).expect(
      201,
    );
    expect(again.body).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
  });

  it('stores no child’s personal details from the workbook', async () => {
    await upload([['annex-a.xlsx', await annexAWorkbook()]], { asOf: '2024-12-01' }).expect(201);
    const stored = JSON.stringify(await cases());
    expect(stored).not.toMatch(/Female|Male|2010-01-01/);
  });

  it('imports an SSDA903 pair: each child with an open episode is one open CLA case', async () => {
    const response = await upload(
      [
        ['header.csv', Buffer.from(HEADER)],
        ['episodes.csv', Buffer.from(EPISODES)],
      ],
      { asOf: '2024-12-01' },
    ).expect(201);
    expect(response.body).toMatchObject({ format: 'ssda903', imported: 3, rejected: [] });
    const byRef = new Map((await cases()).map((c) => [c.caseRef, c]));
    expect(byRef.get('9001')).toMatchObject({ cohortCode: 'CLA', closedOn: null, openedOn: '2023-04-01' });
    expect(byRef.get('9002')).toMatchObject({ cohortCode: 'CLA', closedOn: null });
    expect(byRef.get('9003')).toMatchObject({ closedOn: '2022-01-01' });
  });

  it('rejects a file that is not the format it claims, whole, and writes nothing', async () => {
    const before = (await cases()).length;
    const notXlsx = await upload([['annex-a.xlsx', Buffer.from('case_ref,cohort\n1,CIN\n')]]);
    expect(notXlsx.status).toBe(422);
    expect(notXlsx.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(notXlsx.body.code).toBe('FILE_FORMAT');
    const noChildId = await upload([
      ['header.csv', Buffer.from(HEADER)],
      ['episodes.csv', Buffer.from('CHILD_ID,DECOM,DEC\n1,01/01/2024,\n')],
    ]);
    expect(noChildId.status).toBe(422);
    expect(noChildId.body.errors[0].field).toBe('CHILD');
    const unknown = await upload([['register.txt', Buffer.from('x')]]);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('format');
    const badFormat = await upload([['register.csv', Buffer.from('x')]], { format: 'pdf' });
    expect(badFormat.status).toBe(422);
    expect(badFormat.body.errors[0].field).toBe('format');
    expect((await cases()).length).toBe(before);
  });
});
