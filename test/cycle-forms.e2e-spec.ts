import { cycleCouncil, writtenRows } from './support/cycle-pages.js';
import { testEngines } from './support/engines.js';
import { allPages } from './support/pages.js';
import { loginAs, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';

interface Line {
  auditId: number;
  caseRef: string;
  team: string;
  auditorUsername: string | null;
}

const engines = await testEngines('cycle-forms');

/**
 * Forms that ask for what they need (issue 12, point 7): a themed cycle names its theme and its
 * scope, tier 3 never asks for more audits than the cycle has, the reason for a reallocation is
 * kept and shown, and an audit to reallocate is found by its case reference.
 */
describe.each(engines)(
  'forms that ask for what they need (HTTP, %s, real migrations)',
  (_engine, databaseUrl) => {
    let t: TestApp;
    let council: Awaited<ReturnType<typeof cycleCouncil>>;
    let admin: WebSession;
    let seq = 0;

    beforeAll(async () => {
      t = await startTestApp(databaseUrl());
      council = await cycleCouncil(t);
      admin = await webSignIn(t, 'admin');
    });

    afterAll(async () => {
      await t?.close();
    });

    const api = (method: 'get' | 'post', path: string, auth = council.admin) =>
      t.http()[method](`/api/v1${path}`).set('Authorization', auth);
    const page = (path: string) => t.http().get(path).set('Cookie', admin.cookie);
    const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
    const themed = async () => {
      const opened = await api('post', '/cycles')
        .send({
          month: '2026-11',
          kind: 'themed',
          title: `Reallocations ${++seq}`,
          filter: { localities: ['North', 'East'] },
          rate: 1,
          tier3Count: 0,
          seed: `forms-${seq}`,
        })
        .expect(201);
      const id = opened.body.id as number;
      return { id, lines: await allPages<Line>(t, `/api/v1/cycles/${id}/audits`, council.admin) };
    };

    it('refuses a themed cycle with no title and no scope, naming both, over the API and on the form', async () => {
      const before = await writtenRows(t);
      for (const path of ['/cycles/preview', '/cycles']) {
        const refused = await api('post', path).send({ month: '2026-11', kind: 'themed' }).expect(422);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(fields(refused.body)).toEqual(['title', 'filter']);
      }
      const titled = await api('post', '/cycles/preview')
        .send({ month: '2026-11', kind: 'themed', title: 'Neglect', count: 5 })
        .expect(422);
      expect(fields(titled.body)).toEqual(['filter']);
      await expect(writtenRows(t)).resolves.toEqual(before);

      const form = await page('/admin/cycles/preview?month=2026-11&kind=themed&ratePercent=10').expect(422);
      expect(form.text).toContain('govuk-error-summary');
      expect(form.text).toContain('href="#title"');
      expect(form.text).toContain('Enter a title for the themed cycle');
      expect(form.text).toContain('href="#filter-cohorts"');
      expect(form.text).toContain('Choose at least one cohort, locality or team');
      expect(form.text).not.toContain('Check the sample before you open the cycle');
    });

    it('refuses more tier 3 audits than the cycle has, and leaves an unset tier 3 within the sample', async () => {
      const request = {
        month: '2026-11',
        kind: 'themed',
        title: 'East',
        filter: { teams: ['East CLA'] },
        count: 2,
        tier3Count: 3,
      };
      for (const path of ['/cycles/preview', '/cycles']) {
        const refused = await api('post', path).send(request).expect(422);
        expect(refused.body.errors).toEqual([
          { field: 'tier3Count', message: "must not be more than the cycle's 2 audits" },
        ]);
      }
      const { tier3Count: _unset, ...withoutTier3 } = request;
      const preview = await api('post', '/cycles/preview')
        .send({ ...withoutTier3, count: 1 })
        .expect(200);
      expect(preview.body.settings.tier3Count).toBe(1);

      const form = await page(
        '/admin/cycles/preview?month=2026-11&kind=themed&title=East&team-1=East%20CLA&count=2&tier3Count=3',
      ).expect(422);
      expect(form.text).toContain('href="#tier3Count"');
      expect(form.text).toContain(
        'The number of tier 3 audits must not be more than the cycle&#39;s 2 audits',
      );
      expect(form.text).toContain('value="3"'); // the form keeps what was typed
    });

    it('keeps the reason typed for a reallocation in the history, and shows it', async () => {
      const { id, lines } = await themed();
      const audit = lines.find((l) => l.team === 'North CP' && l.auditorUsername === 'ap.one')!;
      expect(audit).toBeDefined();
      const path = `/admin/cycles/${id}/audits/${audit.auditId}/reallocate`;
      await t
        .http()
        .post(path)
        .set('Cookie', admin.cookie)
        .type('form')
        .send({
          _csrf: admin.csrf,
          auditorId: String(council.users.apTwo),
          reason: 'Auditor on long-term leave',
        })
        .expect(303);
      await api('post', `/audits/${audit.auditId}/reallocate`)
        .send({ auditorId: council.users.apOne, reason: 'Back from leave' })
        .expect(200);

      const shown = (await api('get', `/audits/${audit.auditId}`).expect(200)).body;
      const reasons = shown.history
        .filter((h: { event: string; detail: object | null }) => h.event === 'ALLOCATE' && h.detail)
        .map((h: { detail: { reason?: string } }) => h.detail.reason);
      expect(reasons).toEqual(['Auditor on long-term leave', 'Back from leave']);
      const eligible = (await api('get', `/audits/${audit.auditId}/eligible-auditors`).expect(200)).body;
      expect(eligible.reallocations).toEqual([
        expect.objectContaining({ from: 'AP One', to: 'AP Two', reason: 'Auditor on long-term leave' }),
        expect.objectContaining({ from: 'AP Two', to: 'AP One', reason: 'Back from leave' }),
      ]);
      const cycleHistory = (await api('get', `/cycles/${id}/history?pageSize=100`).expect(200)).body.items;
      expect(
        cycleHistory
          .filter((h: { event: string }) => h.event === 'REALLOCATE')
          .map((h: { detail: object }) => h.detail),
      ).toEqual([
        expect.objectContaining({ caseRef: audit.caseRef, reason: 'Auditor on long-term leave' }),
        expect.objectContaining({ caseRef: audit.caseRef, reason: 'Back from leave' }),
      ]);

      const auditPage = await page(`/audits/${audit.auditId}`).expect(200);
      expect(auditPage.text).toContain('Given to another auditor');
      expect(auditPage.text).toContain('Reason: Auditor on long-term leave');
      expect(auditPage.text).toContain('Reason: Back from leave');
      const form = await page(path).expect(200);
      expect(form.text).toContain('Reallocated before');
      expect(form.text).toContain('From AP One to AP Two');
      expect(form.text).toContain('Reason: Auditor on long-term leave');
    });

    it('finds an audit to reallocate by its case reference, through the one read rule', async () => {
      const { id, lines } = await themed();
      const wanted = lines[3];
      const part = wanted.caseRef.slice(-4).toLowerCase();
      const expected = lines.filter((l) => l.caseRef.toLowerCase().includes(part));
      const found = (await api('get', `/cycles/${id}/audits?caseRef=${encodeURIComponent(part)}`).expect(200))
        .body;
      expect(found.items.map((l: Line) => l.auditId)).toEqual(expected.map((l) => l.auditId));
      expect(found.total).toBe(expected.length);
      // A % or _ is part of the reference, not a pattern.
      expect((await api('get', `/cycles/${id}/audits?caseRef=%25`).expect(200)).body.total).toBe(0);
      // A head of service with no locality reads no audit of this cycle: the search finds none either.
      const hos = await loginAs(t, 'hos');
      expect((await api('get', `/cycles/${id}/audits?caseRef=${part}`, hos).expect(200)).body.total).toBe(0);

      const search = await page(
        `/admin/cycles/${id}/reallocate?caseRef=${encodeURIComponent(wanted.caseRef)}`,
      ).expect(200);
      expect(search.text).toContain(`Case ${wanted.caseRef}`);
      expect(search.text).toContain(`href="/admin/cycles/${id}/audits/${wanted.auditId}/reallocate"`);
      const none = await page(`/admin/cycles/${id}/reallocate?caseRef=NOPE-0`).expect(200);
      expect(none.text).toContain('No audit of this cycle has a case reference containing');
      const tooLong = await page(`/admin/cycles/${id}/reallocate?caseRef=${'X'.repeat(65)}`).expect(422);
      expect(tooLong.text).toContain('govuk-error-summary');
      expect(tooLong.text).toContain('href="#caseRef"');
      expect((await page(`/admin/cycles/${id}`).expect(200)).text).toContain(
        `href="/admin/cycles/${id}/reallocate"`,
      );
    });

    it('offers a template CSV made from the register schema, which imports once a row is added', async () => {
      const upload = await page('/admin/register').expect(200);
      expect(upload.text.replace(/<[^>]+>/g, '')).toContain('case_ref, cohort, team, worker, opened_on');
      expect(upload.text).toContain('href="/admin/register/template.csv"');

      const template = await page('/admin/register/template.csv').expect(200);
      expect(template.headers['content-type']).toMatch(/^text\/csv/);
      expect(template.headers['content-disposition']).toMatch(
        /^attachment; filename="?case-register-template\.csv"?$/,
      );
      const header = template.text.trim().split(',');
      expect(header.slice(0, 5)).toEqual(['case_ref', 'cohort', 'team', 'worker', 'opened_on']);
      const values: Record<string, string> = {
        case_ref: 'TEMPLATE-1',
        cohort: 'CP',
        team: 'North CP',
        worker: 'Sam Worker',
        opened_on: '2026-01-15',
      };
      const filled = template.text + header.map((column) => values[column] ?? '').join(',') + '\r\n';
      const imported = await api('post', '/cases/import')
        .field('asOf', '2026-11-30')
        .attach('files', Buffer.from(filled), 'case-register-template.csv')
        .expect(201);
      expect(imported.body).toMatchObject({ imported: 1, rejected: [] });
    });
  },
);
