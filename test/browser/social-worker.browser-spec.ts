import type { Page } from 'playwright-core';
import { AuditsService } from '../../libs/audits/audits.service.js';
import { Audit } from '../../libs/audits/audit.entity.js';
import { AGREED_DISCUSSION } from '../support/audit-fixtures.js';
import { newActor, newAudit, newCase, newTeam, type TestContext } from '../support/factories.js';
import { newUser, Role } from '../support/test-app.js';
import { describeInBrowser, checkPage, newPage, signIn, startSite, type Site } from './support/browser.js';

const text = async (page: Page, selector: string) =>
  (await page.locator(selector).first().textContent()) ?? '';

/** The social worker's journey, and the error pages a role without access sees, in Chromium. */
describeInBrowser(
  'a social worker reads their case’s audit; other roles meet 403 and 404, in Chromium',
  () => {
    let site: Site;
    let ctx: TestContext;

    beforeAll(async () => {
      site = await startSite('social-worker');
      ctx = { db: site.t.db, app: site.t.app };
    });

    afterAll(async () => {
      await site?.close();
    });

    it('a social worker lands on their cases’ audits and reads one: grades, discussion and family feedback', async () => {
      await newUser(site.t.db, {
        username: 'sw.journey',
        displayName: 'Sasha Journey',
        role: Role.SocialWorker,
        workerKey: 'sasha.journey@example.org',
      });
      const made = await newAudit(ctx, {
        state: 'awaitingDiscussion',
        case: await newCase(site.t.db, { worker: 'Sasha Journey', workerKey: 'sasha.journey@example.org' }),
      });
      // The auditor records the feedback and the discussion, then submits (to a moderator).
      await newActor(site.t.db, { role: Role.Moderator });
      const audits = site.t.app.get(AuditsService);
      const version = () =>
        site.t.db.read((m) => m.findOneByOrFail(Audit, { id: made.id })).then((a) => a.version);
      await audits.recordFamilyFeedback(
        made.id,
        { from: 'Foster carer', how: 'Home visit', said: 'School is going better since the new plan.' },
        await version(),
        made.auditor!,
      );
      await audits.recordDiscussion(made.id, AGREED_DISCUSSION, await version(), made.auditor!);
      await audits.submit(made.id, await version(), made.auditor!);

      const page = await newPage(site);
      await signIn(page, 'sw.journey');
      expect(new URL(page.url()).pathname).toBe('/case-audits');
      expect(await text(page, 'h1')).toBe('Audits of your cases');
      await checkPage(page, 'sw-case-audits');

      await page.locator(`table a[href="/audits/${made.id}"]`).click();
      expect(new URL(page.url()).pathname).toBe(`/audits/${made.id}`);
      expect(await text(page, 'h1')).toContain(made.case.caseRef);
      const main = await text(page, 'main');
      expect(main).toContain('Grades');
      expect(main).toContain('Overall judgement');
      expect(main).toContain('Discussion with the social worker');
      expect(main).toContain(AGREED_DISCUSSION.summary);
      expect(main).toContain('Feedback from the child or family');
      expect(main).toContain('School is going better since the new plan.');
      // Not yet moderated: no moderator's judgement is shown (nor an empty one).
      expect(main).not.toContain('Moderator’s');
      // Read-only: no form of the auditor's.
      expect(await page.locator('main form').count()).toBe(0);
      await checkPage(page, 'sw-audit');
    });

    it('a social worker at /admin and a team manager at /moderation get the 403 page', async () => {
      await newUser(site.t.db, { username: 'sw.nosy', role: Role.SocialWorker });
      await newUser(site.t.db, { username: 'tm.nosy', role: Role.TeamManager });
      for (const [username, path, name] of [
        ['sw.nosy', '/admin', 'sw-admin-403'],
        ['tm.nosy', '/moderation', 'tm-moderation-403'],
      ]) {
        const page = await newPage(site);
        await signIn(page, username);
        const response = await page.goto(path);
        expect(response?.status()).toBe(403);
        expect(await text(page, 'h1')).toBe('You do not have access to this page');
        expect(await text(page, 'main')).toMatch(
          /Your role \((social worker|team manager)\) does not give access/,
        );
        await checkPage(page, name);
      }
    });

    it('a head of service opening an audit outside their locality gets the 404 page', async () => {
      const own = await newTeam(site.t.db);
      await newUser(site.t.db, {
        username: 'hos.elsewhere',
        role: Role.HeadOfService,
        localityId: own.localityId!,
      });
      const elsewhere = await newAudit(ctx, { state: 'completed' });
      const page = await newPage(site);
      await signIn(page, 'hos.elsewhere');
      const response = await page.goto(`/audits/${elsewhere.id}`);
      expect(response?.status()).toBe(404);
      expect(await text(page, 'h1')).toBe('Page not found');
      expect(await text(page, 'main')).not.toContain(elsewhere.case.caseRef);
      await checkPage(page, 'hos-audit-404');
    });
  },
);
