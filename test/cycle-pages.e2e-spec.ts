import { cycleCouncil, hiddenField, openedDigest, writtenRows } from './support/cycle-pages.js';
import { newCase } from './support/factories.js';
import { allPages } from './support/pages.js';
import { loginAs, sqliteTestUrl, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';

interface Line {
  auditId: number;
  caseRef: string;
  team: string;
  auditorUsername: string | null;
  state: string;
  tier: number;
}

describe("the administrator's cycle pages (HTTP, SQLite file)", () => {
  let t: TestApp;
  let council: Awaited<ReturnType<typeof cycleCouncil>>;
  let admin: WebSession;
  let themedSeq = 0;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('cycle-pages'));
    council = await cycleCouncil(t);
    admin = await webSignIn(t, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  const page = (path: string, session: WebSession = admin) =>
    t.http().get(path).set('Cookie', session.cookie);
  const post = (path: string, form: Record<string, string>, session: WebSession = admin) =>
    t.http().post(path).set('Cookie', session.cookie).type('form').send(form);
  const api = () => ({ auth: council.admin });
  const themed = async (body: Record<string, unknown> = {}) => {
    const opened = await t
      .http()
      .post('/api/v1/cycles')
      .set('Authorization', api().auth)
      .send({
        month: '2026-11',
        kind: 'themed',
        title: `Themed ${++themedSeq}`,
        filter: { localities: ['North', 'East'] },
        rate: 1,
        tier3Count: 0,
        seed: `s${themedSeq}`,
        ...body,
      })
      .expect(201);
    const lines = await allPages<Line>(t, `/api/v1/cycles/${opened.body.id}/audits`, api().auth);
    return { id: opened.body.id as number, lines };
  };

  it('sends a visitor without a session to sign in, and refuses other roles with 403', async () => {
    for (const path of [
      '/admin/cycles',
      '/admin/cycles/new',
      '/admin/cycles/preview?month=2026-12',
      '/admin/cycles/1',
    ]) {
      const response = await t.http().get(path).expect(303);
      expect(response.headers.location).toMatch(/^\/login\?returnTo=/);
    }
    const sw = await webSignIn(t, 'sw');
    await page('/admin/cycles', sw).expect(403);
    await page('/admin/cycles/preview?month=2026-12', sw).expect(403);
    await page('/admin/audits/1/access', sw).expect(403);
    await post('/admin/cycles', { _csrf: sw.csrf, confirmation: '{}' }, sw).expect(403);
  });

  it("offers this month's cycle, the month taken from the clock", async () => {
    const list = await page('/admin/cycles').expect(200);
    // Another test may have opened it already: then the page links to it instead.
    expect(list.text).toMatch(
      /href="\/admin\/cycles\/new\?month=2026-12"|The monthly cycle for December 2026<\/a> is already open/,
    );
    const form = await page('/admin/cycles/new').expect(200);
    expect(form.text).toContain('value="2026-12"');
  });

  it('previews without writing anything, over the page and over the API', async () => {
    const before = await writtenRows(t);
    // No tier 3 audits: a head of service may take the lonely case if the draw makes it tier 3.
    const preview = await page(
      '/admin/cycles/preview?month=2027-02&kind=monthly&ratePercent=100&seed=look&tier3Count=0',
    ).expect(200);
    expect(preview.text).toContain('Check the sample before you open the cycle');
    expect(preview.text).toContain('Cases no one can take');
    expect(preview.text).toContain(council.lonely.caseRef);
    const body = (
      await t
        .http()
        .post('/api/v1/cycles/preview')
        .set('Authorization', api().auth)
        .send({ month: '2027-02', rate: 1, tier3Count: 0 })
        .expect(200)
    ).body;
    expect(body.selected).toBe(body.open);
    expect(body.open).toBeGreaterThanOrEqual(21);
    expect(body.settings.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(body.unallocated).toEqual([
      expect.objectContaining({
        caseRef: council.lonely.caseRef,
        reason: expect.stringMatching(/case worker/),
      }),
    ]);
    await expect(writtenRows(t)).resolves.toEqual(before);
  });

  it('opens exactly the sample it previewed (same seed, same register), and refuses once the register changed', async () => {
    const request = {
      month: '2026-10',
      kind: 'themed',
      title: 'Same sample',
      filter: { localities: ['North', 'East'] },
      rate: 0.5,
      tier3Count: 1,
    };
    const preview = (
      await t.http().post('/api/v1/cycles/preview').set('Authorization', api().auth).send(request).expect(200)
    ).body;
    const opened = (
      await t
        .http()
        .post('/api/v1/cycles')
        .set('Authorization', api().auth)
        .send({ ...request, seed: preview.settings.seed, previewDigest: preview.previewDigest })
        .expect(201)
    ).body;
    expect(opened).toMatchObject({
      seed: preview.settings.seed,
      selected: preview.selected,
      strata: preview.strata,
    });
    await expect(openedDigest(t, opened.id)).resolves.toBe(preview.previewDigest);
    const lines = await allPages<Line>(t, `/api/v1/cycles/${opened.id}/audits`, api().auth);
    const perAuditor = new Map<string, number>();
    for (const l of lines)
      if (l.auditorUsername) perAuditor.set(l.auditorUsername, (perAuditor.get(l.auditorUsername) ?? 0) + 1);
    const previewed = new Map<string, number>(
      preview.auditors
        .filter((a: { total: number }) => a.total > 0)
        .map((a: { username: string; total: number }) => [a.username, a.total]),
    );
    expect(perAuditor).toEqual(previewed);
    expect(lines.filter((l) => !l.auditorUsername).map((l) => l.caseRef)).toEqual(
      preview.unallocated.map((u: { caseRef: string }) => u.caseRef),
    );

    const again = (
      await t
        .http()
        .post('/api/v1/cycles/preview')
        .set('Authorization', api().auth)
        .send({ ...request, title: 'Changed' })
        .expect(200)
    ).body;
    // Enough new cases that the stratum's share must change: one case might rank outside the
    // sample and leave the draw (and its digest) as it was.
    for (let i = 0; i < 10; i++) {
      await newCase(t.db, { teamId: council.east, cohortCode: 'CLA', worker: 'Someone Else' });
    }
    const before = await writtenRows(t);
    const refused = await t
      .http()
      .post('/api/v1/cycles')
      .set('Authorization', api().auth)
      .send({ ...request, title: 'Changed', seed: again.settings.seed, previewDigest: again.previewDigest })
      .expect(409);
    expect(refused.body.detail).toMatch(/changed since the preview/);
    await expect(writtenRows(t)).resolves.toEqual(before);
  });

  it('offers the published audit tools, the standard one first, and previews with the one chosen', async () => {
    const tools = await t.http().get('/api/v1/audit-tools').set('Authorization', api().auth).expect(200);
    const published = (tools.body.items as { id: number; status: string; title: string }[]).find(
      (tool) => tool.status === 'published',
    )!;
    const form = await page('/admin/cycles/new').expect(200);
    expect(form.text).toMatch(/name="auditToolId" type="radio" value="" checked/);
    expect(form.text).toContain(`value="${published.id}"`);
    const chosen = await page(
      `/admin/cycles/preview?month=2027-04&ratePercent=50&seed=tool&auditToolId=${published.id}`,
    ).expect(200);
    expect(hiddenField(chosen.text, 'confirmation')).toContain(`"auditToolId":${published.id}`);
    const unknown = await page('/admin/cycles/preview?month=2027-04&auditToolId=99999').expect(422);
    expect(unknown.text).toContain('href="#auditToolId"');
    expect(unknown.text).toContain('Audit tool 99999 is not a published tool');
    expect(unknown.text).not.toMatch(/name="auditToolId" type="radio" value="" checked/);
  });

  it('refuses a preview the rules refuse, on the form with its errors', async () => {
    const bad = await page('/admin/cycles/preview?month=2026-12&ratePercent=ten').expect(422);
    expect(bad.text).toContain('The share of open cases must be a number');
    expect(bad.text).toContain('href="#ratePercent"');
    const filtered = await page('/admin/cycles/preview?month=2027-03&kind=monthly&cohort-1=CP').expect(422);
    expect(filtered.text).toContain('monthly cycle takes every open case');
    const month = await page('/admin/cycles/preview?month=2026-13').expect(422);
    expect(month.text).toContain('href="#month"');
  });

  it('confirms with the CSRF token only, then opens the cycle and shows it (PRG)', async () => {
    const preview = await page(
      '/admin/cycles/preview?month=2026-12&kind=monthly&ratePercent=30&seed=pages',
    ).expect(200);
    const confirmation = hiddenField(preview.text, 'confirmation');
    const before = await writtenRows(t);
    await post('/admin/cycles', { confirmation }).expect(403);
    await expect(writtenRows(t)).resolves.toEqual(before);

    const opened = await post('/admin/cycles', { confirmation, _csrf: admin.csrf }).expect(303);
    expect(opened.headers.location).toMatch(/^\/admin\/cycles\/\d+\?opened=1$/);
    const shown = await page(opened.headers.location).expect(200);
    expect(shown.text).toContain('The cycle is open');
    expect(shown.text).toContain('December 2026 monthly cycle');
    expect(shown.text).toContain('Seed');

    const twice = await post('/admin/cycles', { confirmation, _csrf: admin.csrf }).expect(409);
    expect(twice.text).toContain('govuk-error-summary');
    expect(twice.text).toContain('already exists');
  });

  it("pages and filters a cycle's audits in SQL, on the page and over the API", async () => {
    const { id, lines } = await themed();
    const north = lines.filter((l) => l.team === 'North CP').length;
    const filtered = (
      await t
        .http()
        .get(`/api/v1/cycles/${id}/audits?team=North%20CP&pageSize=5`)
        .set('Authorization', api().auth)
        .expect(200)
    ).body;
    expect(filtered).toMatchObject({ total: north, pageSize: 5 });
    expect(filtered.items).toHaveLength(5);
    const unallocated = (
      await t
        .http()
        .get(`/api/v1/cycles/${id}/audits?state=unallocated`)
        .set('Authorization', api().auth)
        .expect(200)
    ).body;
    expect(unallocated.items.map((l: Line) => l.caseRef)).toEqual([council.lonely.caseRef]);
    await t
      .http()
      .get(`/api/v1/cycles/${id}/audits?state=nonsense`)
      .set('Authorization', api().auth)
      .expect(422);

    const shown = await page(`/admin/cycles/${id}?team=North%20CP&pageSize=5&page=2`).expect(200);
    expect(shown.text).toContain(`${north} audits matching the filter`);
    expect(shown.text).toContain('govuk-pagination');
    expect(shown.text).toContain(`href="/admin/cycles/${id}?team=North+CP&amp;page=3"`);
    expect((shown.text.match(/Access log<span/g) ?? []).length).toBe(5);
  });

  it('reallocates to an eligible auditor with a reason, and refuses the rest with the error summary', async () => {
    const { id, lines } = await themed();
    const audit = lines.find((l) => l.team === 'North CP' && l.auditorUsername !== 'ap.two')!;
    const path = `/admin/cycles/${id}/audits/${audit.auditId}/reallocate`;
    const form = await page(path).expect(200);
    expect(form.text).toContain(`value="${council.users.apTwo}"`);
    expect(form.text).not.toContain(`value="${council.users.tmNorth}"`); // manages the case's team

    await post(path, { auditorId: String(council.users.apTwo), reason: 'On leave' }).expect(403);
    const blank = await post(path, { _csrf: admin.csrf, auditorId: '', reason: '' }).expect(422);
    expect(blank.text).toContain('Choose who should audit this case');
    expect(blank.text).toContain('Enter why you are reallocating this audit');
    const conflict = await post(path, {
      _csrf: admin.csrf,
      auditorId: String(council.users.tmNorth),
      reason: 'Try',
    }).expect(422);
    expect(conflict.text).toContain('manages the case team');
    expect(conflict.text).toContain('href="#auditorId"');
    await page(`/admin/cycles/${id + 1000}/audits/${audit.auditId}/reallocate`).expect(404);

    const done = await post(path, {
      _csrf: admin.csrf,
      auditorId: String(council.users.apTwo),
      reason: 'Auditor on leave',
    }).expect(303);
    expect(done.headers.location).toBe(`/admin/cycles/${id}?reallocated=${audit.auditId}`);
    expect((await page(done.headers.location).expect(200)).text).toContain(
      `The audit of case ${audit.caseRef} is reallocated`,
    );
    const after = (
      await t
        .http()
        .get(`/api/v1/audits/${audit.auditId}/eligible-auditors`)
        .set('Authorization', api().auth)
        .expect(200)
    ).body;
    expect(after.audit.auditorUsername).toBe('ap.two');

    // Once its auditor has started, the audit is theirs: a 409 on the form.
    await t
      .http()
      .post(`/api/v1/audits/${audit.auditId}/start`)
      .set('Authorization', await loginAs(t, 'ap.two'))
      .expect(200);
    const started = await post(path, {
      _csrf: admin.csrf,
      auditorId: String(council.users.apOne),
      reason: 'Too late',
    }).expect(409);
    expect(started.text).toContain('govuk-error-summary');
  });

  it("shows an audit's access log to the administrator and the director, paged", async () => {
    const { id, lines } = await themed();
    const auditId = lines[0].auditId;
    await t.http().get(`/api/v1/audits/${auditId}`).set('Authorization', api().auth).expect(200);
    const log = await page(`/admin/audits/${auditId}/access?cycle=${id}`).expect(200);
    expect(log.text).toContain('Who has read this audit');
    expect(log.text).toContain('admin (administrator)');
    expect(log.text).toContain(`href="/admin/cycles/${id}"`);
    const director = await webSignIn(t, 'dcs');
    await page(`/admin/audits/${auditId}/access`, director).expect(200);
    await page('/admin/audits/999999/access').expect(404);
  });

  it('closes a cycle by itself once every audit is resolved, and says why not before', async () => {
    const { id, lines } = await themed({ count: 1, filter: { teams: ['East CLA'] } });
    const refused = await post(`/admin/cycles/${id}/close`, { _csrf: admin.csrf }).expect(409);
    expect(refused.text).toContain('govuk-error-summary');
    expect(refused.text).toContain('1 still open');
    await t
      .http()
      .post(`/api/v1/audits/${lines[0].auditId}/withdraw`)
      .set('Authorization', api().auth)
      .send({ reason: 'Case closed' })
      .expect(200);
    // The withdrawal resolved its only audit, so the cycle closed by itself; closing again is refused.
    const shown = (await page(`/admin/cycles/${id}`).expect(200)).text;
    expect(shown.replace(/\s+/g, ' ')).toMatch(
      /<h1[^>]*>[^<]*<strong class="govuk-tag[^"]*"> ?Closed ?<\/strong>/,
    );
    await post(`/admin/cycles/${id}/close`, {}).expect(403);
    const again = await post(`/admin/cycles/${id}/close`, { _csrf: admin.csrf }).expect(409);
    expect(again.text).toContain('govuk-error-summary');
  });
});
