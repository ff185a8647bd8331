import ExcelJS from 'exceljs';
import { Case } from '../libs/cases/case.entity.js';
import { Team } from '../libs/org/team.entity.js';
import {
  loginAs,
  newOrg,
  newUser,
  Role,
  sqliteTestUrl,
  startTestApp,
  type TestApp,
} from './support/test-app.js';

/** An Annex A workbook as councils send it: title rows, serial and text dates, NBSPs, #N/A teams. */
async function annexAWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const cin = workbook.addWorksheet('List 6 - CIN');
  cin.addRow(['Annex A: List 6 children in need']);
  cin.addRow([]);
  cin.addRow([
    'Child Unique ID',
    'Gender',
    'Age',
    'CIN Start Date',
    'CIN Closure Date',
    'Allocated Team',
    'Allocated Worker',
  ]);
  cin.addRow(['AA-1', 'b) Female', 7, 45292, null, 'North\u00a0CIN', 'Worker One']);
  cin.addRow(['AA-2', 'Male', 9, '03/02/2024', '01/06/2024', 'North CIN', 'Worker Two']);
  cin.addRow(['AA-3', 'Female', 3, '15/07/2024', null, '#N/A', 'Worker Three']);
  cin.addRow(['AA-4', 'Female', 5, '31/02/2024', null, 'North CIN', 'Worker Four']);
  const cp = workbook.addWorksheet('List 7');
  cp.addRow([
    'Child Unique ID',
    'Child Protection Plan Start Date',
    'Child Protection Plan End Date',
    'Team',
    'Worker',
  ]);
  cp.addRow(['AA-1', new Date(Date.UTC(2024, 4, 10)), null, 'North CP', 'Worker Five']);
  const cla = workbook.addWorksheet('List 8');
  cla.addRow([
    'Child Unique ID',
    'Date Started to be Looked After',
    'Date Ceased to be Looked After',
    'Allocated Team',
  ]);
  cla.addRow(['AA-5', '2023-09-01', null, 'East CLA']);
  workbook.addWorksheet('Notes').addRow(['ignored']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const HEADER =
  'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n9001,1,01/01/2010,WBRI,A1,,\n9002,2,02/02/2012,WBRI,A2,,\n9003,1,03/03/2014,WBRI,A3,,\n';
const EPISODES = [
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
  '9001,01/04/2023,S,C2,N1,U1,PR1,01/09/2023,P1,CARPL,AB1,AB2,SC1',
  '9001,01/09/2023,P,C2,N1,U1,PR1,,,,AB1,AB2,SC1',
  '9002,05/05/2022,S,C2,N1,U1,PR1,,,,AB1,AB2,SC1',
  '9002,06/06/2023,P,C2,N1,U1,PR1,,,,AB1,AB2,SC1',
  '9003,01/01/2021,S,C2,N1,U1,PR1,01/01/2022,E11,,AB1,AB2,SC1',
].join('\n');

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
