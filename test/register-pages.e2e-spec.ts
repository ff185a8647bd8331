import { jest } from '@jest/globals';
import { IsNull } from 'typeorm';
import { CasesImportService, type ImportRequest } from '../libs/cases/index.js';
import { Case } from '../libs/cases/case.entity.js';
import { ImportRun } from '../libs/cases/import-run.entity.js';
import { RegisterJobsService } from '../libs/cases/register-jobs.service.js';
import { Team } from '../libs/org/team.entity.js';
import { registerCsv, spreadCases } from './support/register-files.js';
import { newOrg, newUser, Role, sqliteTestUrl, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';

const TEAMS: [string, string, string][] = [
  ['North CIN', 'North', 'CIN'],
  ['North CP', 'North', 'CP'],
];
const BASE = spreadCases(
  20,
  TEAMS.map(([team, , cohort]) => [team, cohort]),
);

describe('the case register pages (HTTP, SQLite file)', () => {
  let t: TestApp;
  let admin: WebSession;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('register-pages'));
    await newOrg(t.db, TEAMS);
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    await newUser(t.db, { username: 'admin2', role: Role.Administrator });
    await newUser(t.db, { username: 'tm', role: Role.TeamManager });
    admin = await webSignIn(t, 'admin');
  });

  // Every test starts from the same register: the 20 base cases open, and no import logged.
  beforeEach(async () => {
    await jobs().settled();
    await t.db.transaction(async (m) => {
      await m.createQueryBuilder().delete().from(Case).execute();
      await m.createQueryBuilder().delete().from(ImportRun).execute();
      await m
        .createQueryBuilder()
        .delete()
        .from(Team)
        .where('name NOT IN (:...names)', { names: TEAMS.map(([name]) => name) })
        .execute();
    });
    await imports().importRegister({
      files: [{ name: 'base.csv', content: Buffer.from(registerCsv(BASE)) }],
      actor: 'test',
    });
    await t.db.transaction((m) => m.createQueryBuilder().delete().from(ImportRun).execute());
  });

  let afterGate: (() => void) | undefined;
  afterEach(() => {
    afterGate?.();
    afterGate = undefined;
  });

  afterAll(async () => {
    await t?.close();
  });

  const imports = () => t.app.get(CasesImportService);
  const jobs = () => t.app.get(RegisterJobsService);
  const register = () =>
    t.db.read(async (m) => ({
      cases: await m.count(Case),
      open: await m.count(Case, { where: { closedOn: IsNull() } }),
      runs: await m.count(ImportRun),
    }));

  const upload = (
    session: WebSession,
    file: { name: string; content: string } | null,
    fields: Record<string, string> = {},
    csrf: string | null = session.csrf,
  ) => {
    // The token is the body's first field, as the browser sends the form's hidden input.
    let req = t.http().post('/admin/register').set('Cookie', session.cookie);
    if (csrf !== null) req = req.field('_csrf', csrf);
    for (const [key, value] of Object.entries(fields)) req = req.field(key, value);
    if (file) req = req.attach('files', Buffer.from(file.content), file.name);
    else req = req.field('files', '');
    return req;
  };
  const csv = (cases: Parameters<typeof registerCsv>[0]) => ({
    name: 'register.csv',
    content: registerCsv(cases),
  });

  /** Uploads, waits for the dry run, and answers the import page's address. */
  const preview = async (file: { name: string; content: string }, fields: Record<string, string> = {}) => {
    const posted = await upload(admin, file, fields).expect(303);
    const location = posted.headers.location as string;
    expect(location).toMatch(/^\/admin\/register\/imports\/[0-9a-f-]{36}$/);
    await jobs().settled();
    return location;
  };
  const confirm = (location: string, fields: Record<string, string> = {}, session = admin) =>
    t
      .http()
      .post(location)
      .type('form')
      .set('Cookie', session.cookie)
      .send({ _csrf: session.csrf, ...fields });

  // Three new cases, one changed worker, and one row with a cohort the council does not have.
  const changes = () => [
    ...BASE.map((c, i) => (i === 0 ? { ...c, worker: 'Another worker' } : c)),
    { ref: 'N00001', cohort: 'CIN', team: 'North CIN' },
    { ref: 'N00002', cohort: 'CP', team: 'North CP' },
    { ref: 'N00003', cohort: 'CP', team: 'South CP' },
    { ref: 'N00004', cohort: 'XYZ', team: 'North CP' },
  ];

  it('sends a visitor without a session to sign in, and refuses other roles with 403', async () => {
    for (const path of ['/admin', '/admin/register']) {
      const response = await t.http().get(path).expect(303);
      expect(response.headers.location).toBe(`/login?returnTo=${encodeURIComponent(path)}`);
    }
    const tm = await webSignIn(t, 'tm');
    for (const path of ['/admin', '/admin/register']) {
      const response = await t.http().get(path).set('Cookie', tm.cookie).expect(403);
      expect(response.text).toContain('You do not have access to this page');
    }
    await upload(tm, csv(changes())).expect(403);
    expect(await register()).toEqual({ cases: 20, open: 20, runs: 0 });
  });

  it('refuses an upload without its CSRF token with 403, and stages and imports nothing', async () => {
    const refused = await upload(admin, csv(changes()), {}, null).expect(403);
    expect(refused.text).toContain('The form was not sent from this service');
    await upload(admin, csv(changes()), {}, 'not-the-token').expect(403);
    await jobs().settled();
    expect(await register()).toEqual({ cases: 20, open: 20, runs: 0 });
  });

  it('shows the upload form with the recent imports, and refuses no file or a wrong file type with 422', async () => {
    const page = await t.http().get('/admin/register').set('Cookie', admin.cookie).expect(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain('action="/admin/register"');
    expect(page.text).toContain(`name="_csrf" value="${admin.csrf}"`);
    expect(page.text).not.toContain('_csrf=');
    expect(page.text).toContain('No register has been imported yet.');

    const none = await upload(admin, null).expect(422);
    expect(none.text).toContain('There is a problem');
    expect(none.text).toContain('href="#files"');
    expect(none.text).toContain('Select a register file');

    const text = await upload(admin, { name: 'register.txt', content: 'hello' }, { full: 'true' }).expect(
      422,
    );
    expect(text.text).toContain('The selected file must be a CSV (.csv) or an Annex A workbook (.xlsx)');
    // The option the administrator ticked is kept.
    expect(text.text).toMatch(/id="full"[^>]*checked/);
    expect(await register()).toEqual({ cases: 20, open: 20, runs: 0 });
  });

  it('dry-runs the upload first: new, updated and closed cases, rejected rows and new teams, writing nothing', async () => {
    const location = await preview(csv(changes()));
    expect(await register()).toEqual({ cases: 20, open: 20, runs: 0 });
    const page = await t.http().get(location).set('Cookie', admin.cookie).expect(200);
    const text = page.text.replace(/\s+/g, ' ');
    expect(text).toContain('Check what the import will do');
    expect(text).toContain('Nothing has been changed yet');
    expect(text).toMatch(/New cases <\/dt> <dd class="govuk-summary-list__value"> 3 </);
    expect(text).toMatch(/Updated cases <\/dt> <dd class="govuk-summary-list__value"> 1 </);
    expect(text).toMatch(/Closed cases <\/dt> <dd class="govuk-summary-list__value"> 0 of 20 open </);
    expect(text).toMatch(/Rejected rows <\/dt> <dd class="govuk-summary-list__value"> 1 </);
    expect(text).toContain('South CP');
    expect(text).toContain('N00004');
    expect(text).toContain('unknown cohort XYZ');
    // Still running pages refresh; a finished one does not, and has no progress script.
    expect(text).not.toContain('http-equiv="refresh"');
    expect(text).not.toContain('register-progress.js');
  });

  it('pages the rejected rows, with their count', async () => {
    const bad = Array.from({ length: 30 }, (_, i) => ({
      ref: `B${String(i + 1).padStart(4, '0')}`,
      cohort: 'XYZ',
      team: 'North CP',
    }));
    const location = await preview(csv([...BASE, ...bad]));
    const first = await t.http().get(location).set('Cookie', admin.cookie).expect(200);
    expect(first.text).toContain('Rows 1 to 25 of 30');
    expect(first.text).toContain('B0025');
    expect(first.text).not.toContain('B0026');
    const second = await t.http().get(`${location}?page=2`).set('Cookie', admin.cookie).expect(200);
    expect(second.text).toContain('Rows 26 to 30 of 30');
    expect(second.text).toContain('B0030');
    expect(second.text).not.toContain('B0001<');
  });

  it('imports the previewed file on Import (303), then shows what it did; a second Import is refused', async () => {
    const location = await preview(csv(changes()));
    // The confirming form needs its token too; refused, nothing is imported.
    await t.http().post(location).type('form').set('Cookie', admin.cookie).send({}).expect(403);
    await jobs().settled();
    expect(await register()).toEqual({ cases: 20, open: 20, runs: 0 });

    const posted = await confirm(location).expect(303);
    expect(posted.headers.location).toBe(location);
    await jobs().settled();
    expect(await register()).toEqual({ cases: 23, open: 23, runs: 1 });
    const page = await t.http().get(location).set('Cookie', admin.cookie).expect(200);
    expect(page.text).toContain('Register imported');
    expect(page.text).toContain('What the import did');
    expect(page.text).toContain('/admin/cycles');

    const again = await confirm(location).expect(409);
    expect(again.text).toContain('already been imported');
    expect(await register()).toEqual({ cases: 23, open: 23, runs: 1 });
  });

  it('offers today as the register date, refuses a date that is not real or not yet come, and imports as of the date given', async () => {
    const form = await t.http().get('/admin/register').set('Cookie', admin.cookie).expect(200);
    expect(form.text).toMatch(/id="asOf-day" name="asOf-day" type="text" value="15"/);
    expect(form.text).toMatch(/id="asOf-month" name="asOf-month" type="text" value="12"/);
    expect(form.text).toMatch(/id="asOf-year" name="asOf-year" type="text" value="2026"/);
    const date = (day: string, month: string, year: string) => ({
      'asOf-day': day,
      'asOf-month': month,
      'asOf-year': year,
    });
    for (const [fields, words] of [
      [date('16', '12', '2026'), 'The register date must be today or in the past'],
      [date('31', '11', '2026'), 'The register date must be a real date'],
      [date('', '', ''), 'Enter the date the register describes'],
    ] as const) {
      const refused = await upload(admin, csv(changes()), { ...fields, full: 'true' }).expect(422);
      expect(refused.text).toContain(words);
      expect(refused.text).toContain('href="#asOf-day"');
      expect(refused.text).toMatch(/id="full"[^>]*checked/);
      expect(refused.text).toContain(`value="${fields['asOf-day']}"`);
    }
    await jobs().settled();
    expect(await register()).toEqual({ cases: 20, open: 20, runs: 0 });

    const location = await preview(csv(changes()), date('1', '11', '2026'));
    expect((await t.http().get(location).set('Cookie', admin.cookie)).text).toContain('1 November 2026');
    await confirm(location).expect(303);
    await jobs().settled();
    const run = await t.db.read((m) => m.findOneByOrFail(ImportRun, {}));
    expect(run.asOf).toBe('2026-11-01');
  });

  it('asks for the closures to be confirmed when a full import would close too many open cases', async () => {
    const location = await preview(csv(BASE.slice(0, 5)), { full: 'true' });
    const page = await t.http().get(location).set('Cookie', admin.cookie).expect(200);
    expect(page.text).toContain('This full import closes 15 of the 20 open cases');
    expect(page.text).toContain('name="confirmClosures" type="checkbox" value="15"');

    const unconfirmed = await confirm(location).expect(422);
    expect(unconfirmed.text).toContain('There is a problem');
    expect(unconfirmed.text).toContain('href="#confirmClosures"');
    expect(unconfirmed.text).toContain('Confirm that this import closes 15 of the 20 open cases');
    await confirm(location, { confirmClosures: '14' }).expect(422);
    await jobs().settled();
    expect(await register()).toEqual({ cases: 20, open: 20, runs: 0 });

    await confirm(location, { confirmClosures: '15' }).expect(303);
    await jobs().settled();
    expect(await register()).toEqual({ cases: 20, open: 5, runs: 1 });
  });

  it('shows a file that cannot be read as refused, naming the problem', async () => {
    const location = await preview({ name: 'register.csv', content: 'case_ref,team\nC1,North CP\n' });
    const page = await t.http().get(location).set('Cookie', admin.cookie).expect(200);
    expect(page.text).toContain('The register could not be read');
    expect(page.text).toMatch(/cohort/i);
    expect(await register()).toEqual({ cases: 20, open: 20, runs: 0 });
  });

  it('reports progress as JSON while each run goes, and shows another administrator no such import', async () => {
    const original = imports().importRegister.bind(imports());
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const started = new Promise<void>((resolve) => (entered = resolve));
    jest.spyOn(imports(), 'importRegister').mockImplementationOnce(async (request: ImportRequest) => {
      request.onProgress?.({ phase: 'saving', done: 6, total: 24 });
      entered();
      await gate;
      return original(request);
    });
    const posted = await upload(admin, csv(changes())).expect(303);
    const location = posted.headers.location as string;
    // Whatever fails below, the gated run ends, or every later test would wait for it.
    afterGate = release;
    await started;
    const running = await t.http().get(`${location}/status`).set('Cookie', admin.cookie).expect(200);
    expect(running.headers['content-type']).toMatch(/^application\/json/);
    expect(running.body).toEqual({
      id: location.split('/').pop(),
      state: 'checking',
      running: true,
      phase: 'saving',
      done: 6,
      total: 24,
      percent: 25,
      text: 'Comparing rows with the register: 6 of 24 rows (25%)',
    });
    // Without JavaScript the page refreshes itself; with it, the script polls the status.
    const page = await t.http().get(location).set('Cookie', admin.cookie).expect(200);
    expect(page.text).toContain('<noscript><meta http-equiv="refresh" content="2"></noscript>');
    expect(page.text).toContain(
      '<progress id="register-progress" class="app-progress__bar" max="100" value="25">',
    );
    expect(page.text).toContain('role="status" aria-live="polite"');
    expect(page.text).toContain('src="/static/1/register-progress.js"');

    const other = await webSignIn(t, 'admin2');
    await t.http().get(`${location}/status`).set('Cookie', other.cookie).expect(404);
    await t.http().get(location).set('Cookie', other.cookie).expect(404);
    await confirm(location, {}, other).expect(404);

    release();
    await jobs().settled();
    const previewed = await t.http().get(`${location}/status`).set('Cookie', admin.cookie).expect(200);
    expect(previewed.body).toMatchObject({
      state: 'previewed',
      running: false,
      phase: 'done',
      done: 24,
      total: 24,
    });
    await confirm(location).expect(303);
    await jobs().settled();
    const done = await t.http().get(`${location}/status`).set('Cookie', admin.cookie).expect(200);
    expect(done.body).toMatchObject({ state: 'imported', running: false, percent: 100 });
  });

  it('shows the administrator an overview: the month’s cycle (none yet) and the last import', async () => {
    const empty = await t.http().get('/admin').set('Cookie', admin.cookie).expect(200);
    expect(empty.text).toContain('has not been opened yet');
    expect(empty.text).toContain('No case register has been imported yet');
    const location = await preview(csv(changes()));
    await confirm(location).expect(303);
    await jobs().settled();
    const page = await t.http().get('/admin').set('Cookie', admin.cookie).expect(200);
    const text = page.text.replace(/\s+/g, ' ');
    expect(text).toContain('3 new, 1 updated, 0 closed, 1 rows rejected');
    for (const href of ['/admin/register', '/admin/cycles', '/admin/users', '/admin/audit-tools']) {
      expect(text).toContain(`href="${href}"`);
    }
  });
});
