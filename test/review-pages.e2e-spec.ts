import { EscalationsService } from '../libs/audits/escalations.service.js';
import { Audit } from '../libs/audits/audit.entity.js';
import { Escalation } from '../libs/audits/escalation.entity.js';
import {
  authenticated,
  newAudit,
  newCase,
  newTeam,
  type FactoryAudit,
  type TestContext,
} from './support/factories.js';
import { loginAs, newUser, Role, sqliteTestUrl, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';
import { gradeLabel, gradeTagClass } from '../libs/web/view-filters.js';

/** The review roles' pages: moderation, escalations, oversight and a social worker's case audits. */
describe('review pages (HTTP, SQLite file)', () => {
  let t: TestApp;
  let ctx: TestContext;
  let locality: number;
  let hos: WebSession;
  let admin: WebSession;
  let auditor: WebSession;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('review-pages'));
    ctx = { db: t.db, app: t.app };
    locality = (await newTeam(t.db)).localityId!;
    await newUser(t.db, { username: 'hos.pages', role: Role.HeadOfService, localityId: locality });
    await newUser(t.db, { username: 'admin.pages', role: Role.Administrator });
    await newUser(t.db, { username: 'tm.pages', role: Role.TeamManager });
    hos = await webSignIn(t, 'hos.pages');
    admin = await webSignIn(t, 'admin.pages');
    auditor = await webSignIn(t, 'tm.pages');
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (path: string, session?: WebSession) => {
    const request = t.http().get(path);
    return session ? request.set('Cookie', session.cookie) : request;
  };
  const post = (path: string, session: WebSession, form: Record<string, string>) =>
    t.http().post(path).type('form').set('Cookie', session.cookie).send(form);

  /** An audit waiting for a moderator of its own, signed in. */
  async function inModeration(): Promise<{ audit: FactoryAudit; moderator: WebSession }> {
    const audit = await newAudit(ctx, { state: 'inModeration' });
    const moderator = await authenticated(t.db, audit.audit.moderatorId!);
    return { audit, moderator: await webSignIn(t, moderator.username) };
  }

  const stateOf = (id: number) => t.db.read((m) => m.findOneByOrFail(Audit, { id })).then((a) => a.state);

  async function escalation(): Promise<{ id: number; auditId: number; caseRef: string }> {
    const theCase = await newCase(t.db, { teamId: (await newTeam(t.db, { localityId: locality })).id });
    const audit = await newAudit(ctx, { state: 'inProgress', case: theCase });
    const raised = await t.app
      .get(EscalationsService)
      .raise(audit.id, 'The child was left alone overnight.', audit.auditor!);
    return { id: raised.id, auditId: audit.id, caseRef: theCase.caseRef };
  }

  describe('access', () => {
    it.each(['/moderation', '/moderation/1', '/escalations', '/escalations/1', '/oversight', '/case-audits'])(
      'sends a visitor without a session from %s to sign in, and back after',
      async (path) => {
        const response = await get(path).expect(303);
        expect(response.headers.location).toBe(`/login?returnTo=${encodeURIComponent(path)}`);
      },
    );

    it.each([
      ['/moderation', 'hos'],
      ['/escalations', 'auditor'],
      ['/oversight', 'auditor'],
      ['/case-audits', 'hos'],
    ] as const)('refuses %s to a role without access with a 403 page', async (path, who) => {
      const response = await get(path, who === 'hos' ? hos : auditor).expect(403);
      expect(response.text).toContain('You do not have access to this page');
    });

    it('lets an administrator read escalations but not acknowledge them', async () => {
      const { id } = await escalation();
      const page = await get(`/escalations/${id}`, admin).expect(200);
      expect(page.text).not.toContain('name="response"');
      await post(`/escalations/${id}`, admin, { _csrf: admin.csrf, response: 'Done.' }).expect(403);
    });
  });

  describe('moderation', () => {
    it('lists the moderator’s queue and shows each grade beside the choice, with the audit’s version', async () => {
      const { audit, moderator } = await inModeration();
      const queue = await get('/moderation', moderator).expect(200);
      expect(queue.text).toContain(audit.case.caseRef);
      expect(queue.text).toContain(`href="/moderation/${audit.id}"`);
      const form = await get(`/moderation/${audit.id}`, moderator).expect(200);
      expect(form.text).toContain(`name="version" value="${audit.audit.version}"`);
      expect(form.text).toContain('name="overall"');
      expect(form.text).toMatch(/name="domain-[^"]+"/);
      expect(form.text).toContain(`href="/audits/${audit.id}"`);
    });

    it('hides another moderator’s audit as if it did not exist', async () => {
      const { audit } = await inModeration();
      await newUser(t.db, { username: 'mod.other', role: Role.Moderator });
      const other = await webSignIn(t, 'mod.other');
      await get(`/moderation/${audit.id}`, other).expect(404);
    });

    it('refuses a form without its CSRF token and writes nothing', async () => {
      const { audit, moderator } = await inModeration();
      const response = await post(`/moderation/${audit.id}`, moderator, {
        version: String(audit.audit.version),
        overall: 'agree',
      }).expect(403);
      expect(response.text).toContain('Nothing was saved');
      expect(await stateOf(audit.id)).toBe('inModeration');
    });

    it('names each judgement not made (422), keeping what was chosen', async () => {
      const { audit, moderator } = await inModeration();
      const response = await post(`/moderation/${audit.id}`, moderator, {
        _csrf: moderator.csrf,
        version: String(audit.audit.version),
        overall: 'inadequate',
        comment: 'Thin evidence',
      }).expect(422);
      expect(response.text).toContain('There is a problem');
      expect(response.text).toMatch(/href="#domain-[^"]+">Choose whether you agree with the grade for/);
      expect(response.text).toMatch(/value="inadequate" checked/);
      expect(response.text).toContain('Thin evidence');
      expect(await stateOf(audit.id)).toBe('inModeration');
    });

    it('refuses a stale version with 409 on the form, showing the current version', async () => {
      const { audit, moderator } = await inModeration();
      const form = await get(`/moderation/${audit.id}`, moderator).expect(200);
      const fields = Object.fromEntries(
        [...form.text.matchAll(/name="(domain-[^"]+)"/g)].map(([, name]) => [name, 'agree']),
      );
      const response = await post(`/moderation/${audit.id}`, moderator, {
        _csrf: moderator.csrf,
        version: String(audit.audit.version - 1),
        overall: 'agree',
        ...fields,
      }).expect(409);
      expect(response.text).toContain('Someone else saved this audit after you opened it');
      expect(response.text).toContain(`name="version" value="${audit.audit.version}"`);
      expect(await stateOf(audit.id)).toBe('inModeration');
    });

    it('saves the moderation, then shows the queue with a banner (PRG)', async () => {
      const { audit, moderator } = await inModeration();
      const form = await get(`/moderation/${audit.id}`, moderator).expect(200);
      const domains = [...form.text.matchAll(/name="(domain-[^"]+)"/g)].map(([, name]) => name);
      const fields = Object.fromEntries(domains.map((name, i) => [name, i === 0 ? 'inadequate' : 'agree']));
      const posted = await post(`/moderation/${audit.id}`, moderator, {
        _csrf: moderator.csrf,
        version: String(audit.audit.version),
        overall: 'requires_improvement',
        comment: 'The plan lacked timescales.',
        ...fields,
      }).expect(303);
      expect(posted.headers.location).toBe(`/moderation?moderated=${audit.id}`);
      const queue = await get(posted.headers.location, moderator).expect(200);
      expect(queue.text).toContain(
        `Your moderation of the audit of case ${audit.case.caseRef} has been saved`,
      );
      expect(queue.text).not.toContain(`href="/moderation/${audit.id}"`);
      // An audit the moderator cannot see is named by no banner at all.
      const unseen = await get('/moderation?moderated=999999', moderator).expect(200);
      expect(unseen.text).not.toContain('govuk-notification-banner');
      expect(await stateOf(audit.id)).toBe('completed');
      const view = await get(`/moderation/${audit.id}`, moderator).expect(200);
      expect(view.text).toContain('This audit has been moderated');
      expect(view.text).toContain('The plan lacked timescales.');
    });
  });

  describe('escalations', () => {
    it('lists the locality’s waiting escalations, with a form for each', async () => {
      const { id } = await escalation();
      const list = await get('/escalations', hos).expect(200);
      expect(list.text).toContain(`href="/escalations/${id}"`);
      const form = await get(`/escalations/${id}`, hos).expect(200);
      expect(form.text).toContain('The child was left alone overnight.');
      expect(form.text).toContain('name="response"');
    });

    it('refuses an acknowledgement without its CSRF token and writes nothing', async () => {
      const { id } = await escalation();
      await post(`/escalations/${id}`, hos, { response: 'Visited today.' }).expect(403);
      const row = await t.db.read((m) => m.findOneByOrFail(Escalation, { id }));
      expect(row.state).toBe('raised');
    });

    it('refuses a blank response with 422 on the form', async () => {
      const { id } = await escalation();
      const response = await post(`/escalations/${id}`, hos, { _csrf: hos.csrf, response: '   ' }).expect(
        422,
      );
      expect(response.text).toContain('href="#response">Enter your response');
      const row = await t.db.read((m) => m.findOneByOrFail(Escalation, { id }));
      expect(row.state).toBe('raised');
    });

    it('acknowledges with a response, then lists it as acknowledged (PRG); a second time is a 409', async () => {
      const { id, caseRef } = await escalation();
      const posted = await post(`/escalations/${id}`, hos, {
        _csrf: hos.csrf,
        response: 'Strategy meeting held; the child is with family.',
      }).expect(303);
      expect(posted.headers.location).toBe(`/escalations?acknowledged=${id}`);
      const banner = await get(posted.headers.location, hos).expect(200);
      expect(banner.text).toContain(`The escalation for case ${caseRef} has been acknowledged`);
      expect(banner.text).not.toContain(`href="/escalations/${id}">Acknowledge`);
      const done = await get('/escalations?show=acknowledged', hos).expect(200);
      expect(done.text).toContain(`href="/escalations/${id}"`);
      const again = await post(`/escalations/${id}`, hos, { _csrf: hos.csrf, response: 'Again.' }).expect(
        409,
      );
      expect(again.text).toContain('There is a problem');
      expect(again.text).toContain('Strategy meeting held; the child is with family.');
    });

    it('hides another locality’s escalation from a head of service (404), in the page and the API', async () => {
      const elsewhere = await newAudit(ctx, { state: 'inProgress' });
      const raised = await t.app.get(EscalationsService).raise(elsewhere.id, 'Unsafe.', elsewhere.auditor!);
      await get(`/escalations/${raised.id}`, hos).expect(404);
      const token = await loginAs(t, 'hos.pages');
      await t.http().get(`/api/v1/escalations/${raised.id}`).set('Authorization', token).expect(404);
      const waiting = await t
        .http()
        .get('/api/v1/escalations?state=raised')
        .set('Authorization', token)
        .expect(200);
      expect(waiting.body.items.map((e: { id: number }) => e.id)).not.toContain(raised.id);
      expect(waiting.body.items.every((e: { state: string }) => e.state === 'raised')).toBe(true);
    });
  });

  describe('oversight', () => {
    it('lists the locality’s audits with the filters, and filters by GET', async () => {
      const team = await newTeam(t.db, { localityId: locality, name: 'Oversight CP' });
      const done = await newAudit(ctx, {
        state: 'completed',
        case: await newCase(t.db, { teamId: team.id }),
      });
      const open = await newAudit(ctx, {
        state: 'inProgress',
        case: await newCase(t.db, { teamId: team.id }),
      });
      const page = await get('/oversight', hos).expect(200);
      expect(page.text).toContain('<select class="govuk-select" id="team" name="team">');
      expect(page.text).toContain(done.case.caseRef);
      const filtered = await get(`/oversight?team=${team.id}&state=completed`, hos).expect(200);
      expect(filtered.text).toContain(done.case.caseRef);
      expect(filtered.text).not.toContain(open.case.caseRef);
      expect(filtered.text).toContain('Selected filters');
      expect(filtered.text).toContain(`href="/oversight?team=${team.id}"`);
      // Each row names its auditor, its state and its overall grade in words (the tag's colour only helps).
      const row = filtered.text.slice(
        filtered.text.indexOf(done.case.caseRef),
        filtered.text.indexOf('</tr>', filtered.text.indexOf(done.case.caseRef)),
      );
      expect(row).toContain(done.auditor!.displayName);
      expect(row).toContain('<strong class="govuk-tag govuk-tag--green">Completed</strong>');
      expect(done.audit.overallGrade).toBeTruthy();
      expect(row).toContain(
        `${gradeTagClass(done.audit.overallGrade)}">${gradeLabel(done.audit.overallGrade)}</strong>`,
      );
    });

    it('answers an unknown filter value with a 422 page', async () => {
      await get('/oversight?state=lost', hos).expect(422);
    });
  });

  describe('case audits', () => {
    it('lists a social worker’s submitted case audits with grade and date, linking to each audit', async () => {
      await newUser(t.db, {
        username: 'sw.pages',
        displayName: 'Sam Pages',
        role: Role.SocialWorker,
        workerKey: 'sw-pages',
      });
      const done = await newAudit(ctx, {
        state: 'completed',
        case: await newCase(t.db, { worker: 'Sam Pages', workerKey: 'sw-pages' }),
      });
      const draft = await newAudit(ctx, {
        state: 'inProgress',
        case: await newCase(t.db, { worker: 'Sam Pages', workerKey: 'sw-pages' }),
      });
      const sw = await webSignIn(t, 'sw.pages');
      const page = await get('/case-audits', sw).expect(200);
      expect(page.text).toContain(`href="/audits/${done.id}"`);
      expect(page.text).toContain(done.case.caseRef);
      expect(page.text).not.toContain(draft.case.caseRef);
      expect(page.text).toContain('December 2026');
    });
  });
});
