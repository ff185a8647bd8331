import { cycleCouncil } from '../support/cycle-pages.js';
import {
  describeInBrowser,
  checkPage,
  focusedId,
  newPage,
  signIn,
  startSite,
  type Site,
} from './support/browser.js';

describeInBrowser("the administrator's cycles, in Chromium", () => {
  let site: Site;
  let admin: string;

  beforeAll(async () => {
    site = await startSite('admin-cycles');
    admin = (await cycleCouncil(site.t)).admin;
  });

  afterAll(async () => {
    await site?.close();
  });

  it('previews the sample, opens the cycle, reallocates an audit and reads its access log', async () => {
    const page = await newPage(site);
    await signIn(page, 'admin');
    await page.goto('/admin/cycles');
    expect(await page.locator('h1').textContent()).toBe('Cycles');
    await checkPage(page, 'admin-cycles-list-empty');

    await page.getByRole('button', { name: 'Open this month’s cycle' }).click();
    expect(await page.locator('#month').inputValue()).toBe('2026-12');
    await checkPage(page, 'admin-cycles-new');

    await page.getByLabel('Share of open cases to audit').fill('ten');
    await page.getByRole('button', { name: 'Preview the sample' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('must be a number');
    await page.locator('.govuk-error-summary a').first().click();
    expect(await focusedId(page)).toBe('ratePercent');
    await checkPage(page, 'admin-cycles-new-error');

    await page.getByLabel('Share of open cases to audit').fill('100');
    await page.getByText('More options').click();
    await page.getByLabel('Seed (optional)').fill('browser');
    await page.getByRole('button', { name: 'Preview the sample' }).click();
    expect(await page.locator('h1').textContent()).toBe('Check the sample before you open the cycle');
    expect(await page.locator('.govuk-warning-text').textContent()).toContain('will have no auditor');
    await checkPage(page, 'admin-cycles-preview');

    await page.getByRole('button', { name: 'Confirm and open the cycle' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('The cycle is open');
    expect(await page.locator('h1').textContent()).toContain('December 2026 monthly cycle');
    await checkPage(page, 'admin-cycle');
    const cycleUrl = page.url();

    // Back to the preview: it is read afresh, and the month's cycle exists now, so the form says so.
    await page.goBack();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('already exists');
    await checkPage(page, 'admin-cycles-confirm-conflict');

    await page.goto(cycleUrl);
    await page.getByLabel('State').selectOption('unallocated');
    await page.getByRole('button', { name: 'Filter' }).click();
    expect(await page.locator('caption').last().textContent()).toContain('1 audit matching the filter');
    await checkPage(page, 'admin-cycle-unallocated');
    await page
      .getByRole('link', { name: /^Reallocate/ })
      .first()
      .click();
    expect(await page.locator('.govuk-warning-text').textContent()).toContain(
      'No one else may audit this case',
    );
    await checkPage(page, 'admin-cycles-reallocate-no-one');

    await page.goto(cycleUrl);
    await page.getByLabel('Team').selectOption('East CLA');
    await page.getByRole('button', { name: 'Filter' }).click();
    await checkPage(page, 'admin-cycle-filtered');
    await page
      .getByRole('link', { name: /^Reallocate/ })
      .first()
      .click();
    expect(await page.locator('h1').textContent()).toContain('Reallocate the audit of case');
    await checkPage(page, 'admin-cycles-reallocate');

    await page.getByRole('button', { name: 'Reallocate' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Choose who should audit this case',
    );
    await page.locator('.govuk-error-summary a').first().click();
    expect(await focusedId(page)).toBe('auditorId');
    await checkPage(page, 'admin-cycles-reallocate-error');

    await page.getByRole('radio').first().check();
    await page.getByLabel('Why are you reallocating it?').fill('The auditor is on leave this month');
    await page.getByRole('button', { name: 'Reallocate' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toMatch(
      /The audit of case \S+ is reallocated/,
    );
    await checkPage(page, 'admin-cycle-reallocated');

    const accessLink = page.getByRole('link', { name: /^Access log/ }).first();
    const auditId = /audits\/(\d+)\/access/.exec((await accessLink.getAttribute('href')) ?? '')![1];
    await site.t.http().get(`/api/v1/audits/${auditId}`).set('Authorization', admin).expect(200);
    await accessLink.click();
    expect(await page.locator('h1').textContent()).toBe('Who has read this audit');
    expect(await page.locator('tbody').textContent()).toContain('admin (administrator)');
    await checkPage(page, 'admin-audit-access');

    await page.getByRole('link', { name: 'Back' }).click();
    expect(page.url()).toContain(cycleUrl.replace(/\?.*$/, ''));
    await page.goto('/admin/cycles');
    await checkPage(page, 'admin-cycles-list');
  });
});
