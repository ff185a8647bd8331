import { Case } from '../libs/cases/case.entity.js';
import { RegisterJobsService } from '../libs/cases/register-jobs.service.js';
import { annexAWorkbook, SSDA903_EPISODES, SSDA903_HEADER } from './support/register-formats.js';
import { newOrg, newUser, Role, sqliteTestUrl, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';

describe('the register upload page takes every register format: Annex A and SSDA903 (HTTP, SQLite file)', () => {
  let t: TestApp;
  let admin: WebSession;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('register-format-pages'));
    await newOrg(t.db, [
      ['North CIN', 'North', 'CIN'],
      ['North CP', 'North', 'CP'],
      ['East CLA', 'East', 'CLA'],
    ]);
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    admin = await webSignIn(t, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  beforeEach(async () => {
    await t.app.get(RegisterJobsService).settled();
    await t.db.transaction((m) => m.createQueryBuilder().delete().from(Case).execute());
  });

  /** Uploads through the page's form, waits for the dry run, and returns the preview page. */
  async function previewOf(files: [string, Buffer][]) {
    let req = t
      .http()
      .post('/admin/register')
      .set('Cookie', admin.cookie)
      .field('_csrf', admin.csrf)
      .field('asOf-day', '1')
      .field('asOf-month', '12')
      .field('asOf-year', '2024');
    for (const [name, content] of files) req = req.attach('files', content, name);
    const posted = await req;
    expect(posted.status).toBe(303);
    const location = posted.headers.location as string;
    await t.app.get(RegisterJobsService).settled();
    const page = await t.http().get(location).set('Cookie', admin.cookie).expect(200);
    return { location, text: page.text };
  }

  async function importFrom(location: string) {
    await t
      .http()
      .post(location)
      .type('form')
      .set('Cookie', admin.cookie)
      .send({ _csrf: admin.csrf })
      .expect(303);
    await t.app.get(RegisterJobsService).settled();
    return t.db.read((m) => m.find(Case, { order: { caseRef: 'ASC' } }));
  }

  it('previews and imports an Annex A workbook, writing nothing before the import', async () => {
    const { location, text } = await previewOf([['annex-a.xlsx', await annexAWorkbook()]]);
    expect(text).toContain('Check what the import will do');
    expect(text).toMatch(/Annex A/);
    await expect(t.db.read((m) => m.count(Case))).resolves.toBe(0);
    const cases = await importFrom(location);
    expect(cases.map((c) => c.caseRef)).toEqual(['AA-1', 'AA-2', 'AA-3', 'AA-5']);
  });

  it('previews and imports an SSDA903 header and episodes pair uploaded together', async () => {
    const { location, text } = await previewOf([
      ['header.csv', Buffer.from(SSDA903_HEADER)],
      ['episodes.csv', Buffer.from(SSDA903_EPISODES)],
    ]);
    expect(text).toContain('Check what the import will do');
    expect(text).toMatch(/SSDA903/);
    const cases = await importFrom(location);
    expect(cases.map((c) => [c.caseRef, c.cohortCode, c.closedOn])).toEqual([
      ['9001', 'CLA', null],
      ['9002', 'CLA', null],
      ['9003', 'CLA', '2022-01-01'],
    ]);
  });
});
