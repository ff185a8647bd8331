import type { Page } from 'playwright-core';
import { EscalationsService } from '../../libs/audits/escalations.service.js';
import {
  authenticated,
  newActor,
  newAudit,
  newCase,
  newTeam,
  type TestContext,
} from '../support/factories.js';
import { newUser, Role } from '../support/test-app.js';
import {
  checkPage,
  checkReflow,
  describeInBrowser,
  newPage,
  signIn,
  startSite,
  type Site,
} from './support/browser.js';

const text = async (page: Page, selector: string) =>
  (await page.locator(selector).first().textContent()) ?? '';
const path = (page: Page) => new URL(page.url()).pathname;
const navigation = async (page: Page) =>
  (
    await page.locator('.govuk-service-navigation__list .govuk-service-navigation__item a').allTextContents()
  ).map((t) => t.trim());

/** Where each role lands after signing in (and at /): the page where their work is. */
describeInBrowser('each role starts where their work is, in Chromium', () => {
  let site: Site;
  let ctx: TestContext;

  beforeAll(async () => {
    site = await startSite('start-pages');
    ctx = { db: site.t.db, app: site.t.app };
  });

  afterAll(async () => {
    await site?.close();
  });

  it.each([
    [Role.Administrator, '/admin', 'Overview'],
    // Escalations raised by the other tests are counted beside the item: "Escalations (2)".
    [Role.Director, '/escalations', /^Escalations( \(\d+\))?$/],
    [Role.HeadOfService, '/escalations', 'Escalations'],
    [Role.TeamManager, '/audits', 'My audits'],
    [Role.AdvancedPractitioner, '/actions', 'Actions'],
    [Role.SeniorManager, '/audits', 'My audits'],
    [Role.Iro, '/audits', 'My audits'],
    [Role.Moderator, '/moderation', 'Moderation'],
    [Role.SocialWorker, '/case-audits', 'My cases’ audits'],
  ])('a %s lands on %s, after signing in and at /', async (role, start, first) => {
    const team = await newTeam(site.t.db);
    const username = `start.${role.replaceAll('_', '-')}`;
    await newUser(site.t.db, { username, role, teamId: team.id, localityId: team.localityId });
    const page = await newPage(site);
    await signIn(page, username);
    expect(path(page)).toBe(start);
    expect((await navigation(page))[0]).toMatch(first);
    await page.goto('/');
    expect(path(page)).toBe(start);
    await checkPage(page, `start-${role}`);
    await checkReflow(page, `start-${role}`);
  });

  it('a head of service lands on the escalations waiting for them, counted in the navigation on every page', async () => {
    const team = await newTeam(site.t.db, { name: 'North Safeguarding' });
    await newUser(site.t.db, {
      username: 'hos.start',
      displayName: 'Hana Head',
      role: Role.HeadOfService,
      localityId: team.localityId,
    });
    // Another locality's head of service has nothing waiting.
    const elsewhere = await newTeam(site.t.db);
    await newUser(site.t.db, {
      username: 'hos.elsewhere',
      role: Role.HeadOfService,
      localityId: elsewhere.localityId,
    });
    const auditor = await newActor(site.t.db, {
      role: Role.AdvancedPractitioner,
      displayName: 'Ada Auditor',
    });
    const unsafe = await newAudit(ctx, {
      state: 'inProgress',
      auditor,
      case: await newCase(site.t.db, { teamId: team.id, worker: 'Sam Worker' }),
    });
    await site.t.app
      .get(EscalationsService)
      .raise(unsafe.id, 'No visit for eight weeks on a child protection plan.', unsafe.auditor!);

    const page = await newPage(site);
    await signIn(page, 'hos.start');
    expect(path(page)).toBe('/escalations');
    // The escalation is also their notification, counted unread in the header until they open it.
    expect(await navigation(page)).toEqual([
      'Escalations (1)',
      'My audits',
      'Audits',
      'Actions',
      'Notifications (1 unread)',
    ]);
    expect(await text(page, 'table')).toContain(unsafe.case.caseRef);
    await checkPage(page, 'start-hos-escalations');
    await checkReflow(page, 'start-hos-escalations');

    // The count follows them to every page, so an escalation is never out of sight.
    await page.getByRole('link', { name: 'My audits' }).click();
    expect(await navigation(page)).toContain('Escalations (1)');

    await page.getByRole('link', { name: 'Escalations (1)' }).click();
    await page
      .getByRole('link', { name: `Acknowledge the escalation for case ${unsafe.case.caseRef}` })
      .click();
    const summary = await text(page, '.govuk-summary-list');
    for (const [key, value] of [
      ['Case reference', unsafe.case.caseRef],
      ['Team', 'North Safeguarding'],
      ['Auditor', 'Ada Auditor'],
      ['Social worker', 'Sam Worker'],
    ]) {
      const row = page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: key }) });
      expect(summary).toContain(value);
      expect((await row.first().locator('dd').textContent())?.trim()).toBe(value);
    }
    await checkPage(page, 'start-hos-escalation');
    await checkReflow(page, 'start-hos-escalation');

    await page.getByLabel('Your response').fill('Visited today; a strategy meeting is booked for Friday.');
    await page.getByRole('button', { name: 'Acknowledge escalation' }).click();
    expect(await navigation(page)).toEqual([
      'Escalations',
      'My audits',
      'Audits',
      'Actions',
      'Notifications (1 unread)',
    ]);

    const other = await newPage(site);
    await signIn(other, 'hos.elsewhere');
    expect(await navigation(other)).toEqual([
      'Escalations',
      'My audits',
      'Audits',
      'Actions',
      'Notifications',
    ]);
    expect(await text(other, 'main')).toContain('There are no escalations waiting');
  });

  it('the director’s navigation counts every escalation waiting', async () => {
    const audit = await newAudit(ctx, { state: 'inProgress' });
    await site.t.app
      .get(EscalationsService)
      .raise(audit.id, 'The child was left alone overnight.', audit.auditor!);
    const director = await authenticated(site.t.db, await newUser(site.t.db, { role: Role.Director }));
    const page = await newPage(site);
    await signIn(page, director.username);
    expect(path(page)).toBe('/escalations');
    expect((await navigation(page))[0]).toMatch(/^Escalations \(\d+\)$/);
    expect(await text(page, 'table')).toContain(audit.case.caseRef);
  });
});
