import type { Page } from 'playwright-core';
import { EscalationsService } from '../../libs/audits/escalations.service.js';
import { authenticated, newAudit, newCase, newTeam, type TestContext } from '../support/factories.js';
import { newUser, Role } from '../support/test-app.js';
import {
  describeInBrowser,
  checkPage,
  focusedId,
  newPage,
  signIn,
  startSite,
  type Site,
} from './support/browser.js';

const text = async (page: Page, selector: string) =>
  (await page.locator(selector).first().textContent()) ?? '';

/** The review roles' journeys in Chromium: moderator, head of service and social worker. */
describeInBrowser('review journeys, in Chromium', () => {
  let site: Site;
  let ctx: TestContext;

  beforeAll(async () => {
    site = await startSite('reviews');
    ctx = { db: site.t.db, app: site.t.app };
  });

  afterAll(async () => {
    await site?.close();
  });

  it('a moderator works through their queue: refusals first, then agrees with one grade and changes another', async () => {
    const audit = await newAudit(ctx, { state: 'inModeration' });
    const moderator = await authenticated(site.t.db, audit.audit.moderatorId!);
    const page = await newPage(site);
    await signIn(page, moderator.username);
    expect(await text(page, 'h1')).toBe('Moderation');
    await checkPage(page, 'reviews-moderation-queue');

    await page.getByRole('link', { name: `Moderate the audit of case ${audit.case.caseRef}` }).click();
    expect(await text(page, 'h1')).toContain(audit.case.caseRef);
    await checkPage(page, 'reviews-moderation-form');

    await page.getByRole('button', { name: 'Save moderation' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    await page.locator('.govuk-error-summary a').first().click();
    expect(await focusedId(page)).toBe('overall');
    await checkPage(page, 'reviews-moderation-unanswered');

    // Someone else moved the audit on while the form was open: the form says so (409).
    await page.locator('input[name=version]').evaluate((input) => {
      (input as unknown as { value: string }).value = '1';
    });
    for (const group of await page.locator('.govuk-radios').all()) {
      await group.locator('input[value=agree]').check();
    }
    await page.getByRole('button', { name: 'Save moderation' }).click();
    expect(await text(page, '.govuk-error-summary')).toContain('Someone else saved this audit');
    await checkPage(page, 'reviews-moderation-stale');

    const groups = await page.locator('.govuk-radios').all();
    await groups[0].locator('input[value=agree]').check();
    await groups[1].locator('input[value=inadequate], input[value=outstanding]').first().check();
    await page.getByLabel('Comment (optional)').fill('The plan for the first domain had no timescales.');
    await page.getByRole('button', { name: 'Save moderation' }).click();
    expect(await text(page, '.govuk-notification-banner')).toContain(
      `Your moderation of the audit of case ${audit.case.caseRef} has been saved`,
    );
    expect(await text(page, 'main')).toContain('There are no audits waiting for you to moderate');
    await checkPage(page, 'reviews-moderation-done');
  });

  it('a head of service acknowledges an escalation and filters their locality’s audits', async () => {
    const team = await newTeam(site.t.db, { name: 'North Child Protection', cohortCode: 'CP' });
    const locality = team.localityId!;
    await newTeam(site.t.db, { name: 'North Children in Care', cohortCode: 'CLA', localityId: locality });
    const hos = await newUser(site.t.db, {
      username: 'hos.reviews',
      displayName: 'Hana Service',
      role: Role.HeadOfService,
      localityId: locality,
    });
    const unsafe = await newAudit(ctx, {
      state: 'inProgress',
      case: await newCase(site.t.db, { teamId: team.id }),
    });
    await site.t.app
      .get(EscalationsService)
      .raise(unsafe.id, 'No visit for eight weeks on a child protection plan.', unsafe.auditor!);
    const completed = await newAudit(ctx, {
      state: 'completed',
      case: await newCase(site.t.db, { teamId: team.id }),
    });
    expect(hos).toBeGreaterThan(0);

    const page = await newPage(site);
    await signIn(page, 'hos.reviews');
    await page.goto('/escalations');
    await checkPage(page, 'reviews-escalations-waiting');
    await page
      .getByRole('link', { name: `Acknowledge the escalation for case ${unsafe.case.caseRef}` })
      .click();
    await checkPage(page, 'reviews-escalation-form');

    await page.getByRole('button', { name: 'Acknowledge escalation' }).click();
    expect(await text(page, '.govuk-error-summary')).toContain('Enter your response');
    await page.locator('.govuk-error-summary a').first().click();
    expect(await focusedId(page)).toBe('response');
    await checkPage(page, 'reviews-escalation-blank');

    await page.getByLabel('Your response').fill('Visited today; a strategy meeting is booked for Friday.');
    await page.getByRole('button', { name: 'Acknowledge escalation' }).click();
    expect(await text(page, '.govuk-notification-banner')).toContain('has been acknowledged');
    await checkPage(page, 'reviews-escalations-acknowledged-banner');
    await page.getByRole('link', { name: 'Acknowledged', exact: true }).click();
    expect(await text(page, 'table')).toContain(unsafe.case.caseRef);
    await checkPage(page, 'reviews-escalations-acknowledged');

    await page.getByRole('link', { name: 'Audits', exact: true }).click();
    expect(await text(page, 'h1')).toBe('Audits in your locality');
    await checkPage(page, 'reviews-oversight');
    await page.getByLabel('Team').selectOption({ label: 'North Child Protection' });
    await page.getByLabel('State').selectOption({ label: 'Completed' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const table = await text(page, 'table');
    expect(table).toContain(completed.case.caseRef);
    expect(table).not.toContain(unsafe.case.caseRef);
    expect(await text(page, '.moj-filter__selected')).toContain('North Child Protection');
    await checkPage(page, 'reviews-oversight-filtered');

    await page.getByLabel('Overall grade').selectOption({ label: 'Inadequate' });
    await page.getByLabel('Cohort').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(await page.locator('.moj-filter-layout__content').textContent()).toContain('No audits match');
    await checkPage(page, 'reviews-oversight-none');
  });

  it('a social worker reads the list of their cases’ audits, each linking to the audit', async () => {
    await newUser(site.t.db, {
      username: 'sw.reviews',
      displayName: 'Sol Worker',
      role: Role.SocialWorker,
      workerKey: 'sol-worker',
    });
    const mine = await newAudit(ctx, {
      state: 'completed',
      case: await newCase(site.t.db, { worker: 'Sol Worker', workerKey: 'sol-worker' }),
    });
    const page = await newPage(site);
    await signIn(page, 'sw.reviews');
    expect(await text(page, 'h1')).toBe('Audits of your cases');
    expect(await text(page, 'table')).toContain(mine.case.caseRef);
    expect(await text(page, `table a[href="/audits/${mine.id}"]`)).toContain(mine.case.caseRef);
    await checkPage(page, 'reviews-case-audits');

    await newUser(site.t.db, { username: 'sw.none', displayName: 'Nobody Yet', role: Role.SocialWorker });
    const empty = await newPage(site);
    await signIn(empty, 'sw.none');
    expect(await text(empty, 'main')).toContain('None of your cases has a submitted audit yet');
    await checkPage(empty, 'reviews-case-audits-empty');
  });
});
