import { readFileSync } from 'node:fs';
import { cycleCouncil } from '../support/cycle-pages.js';
import { allPages } from '../support/pages.js';
import {
  checkPage,
  checkReflow,
  describeInBrowser,
  focusedId,
  newPage,
  signIn,
  startSite,
  type Site,
} from './support/browser.js';

/** Forms that ask for what they need (issue 12, point 7), as an administrator meets them. */
describeInBrowser('forms that ask for what they need, in Chromium', () => {
  let site: Site;
  let council: Awaited<ReturnType<typeof cycleCouncil>>;

  beforeAll(async () => {
    site = await startSite('forms');
    council = await cycleCouncil(site.t);
  });

  afterAll(async () => {
    await site?.close();
  });

  const look = async (page: Parameters<typeof checkPage>[0], name: string) => {
    await checkPage(page, name);
    await checkReflow(page, name);
  };

  it('refuses a themed cycle with no title and no scope, and tier 3 audits above the sample', async () => {
    const page = await newPage(site);
    await signIn(page, 'admin');
    await page.goto('/admin/cycles/new?month=2026-11');
    await page.getByLabel('Themed', { exact: true }).check();
    await page.getByRole('button', { name: 'Preview the sample' }).click();
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.textContent()).toContain('Enter a title for the themed cycle');
    expect(await summary.textContent()).toContain('Choose at least one cohort, locality or team');
    expect(await page.locator('h1').textContent()).toBe('Open a cycle');
    await look(page, 'forms-themed-refused');
    await summary.locator('a').first().click();
    expect(await focusedId(page)).toBe('title');

    await page.getByLabel('Title', { exact: true }).fill('East teams');
    await page.getByLabel('East CLA').check();
    await page.getByLabel('Fixed number of cases (optional)').fill('2');
    await page.getByText('More options').click();
    await page.getByLabel('Tier 3 audits').fill('3');
    await page.getByRole('button', { name: 'Preview the sample' }).click();
    expect(await summary.textContent()).toContain(
      "The number of tier 3 audits must not be more than the cycle's 2 audits",
    );
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('East teams');
    await look(page, 'forms-tier3-refused');
    await summary.locator('a').first().click();
    expect(await focusedId(page)).toBe('tier3Count');

    await page.getByLabel('Tier 3 audits').fill('0');
    await page.getByRole('button', { name: 'Preview the sample' }).click();
    expect(await page.locator('h1').textContent()).toBe('Check the sample before you open the cycle');
    expect(await page.locator('main').textContent()).toContain('Teams: East CLA');
  });

  it('finds an audit by its case reference, reallocates it with a reason and shows the reason', async () => {
    const opened = await site.t
      .http()
      .post('/api/v1/cycles')
      .set('Authorization', council.admin)
      .send({
        month: '2026-11',
        kind: 'themed',
        title: 'Reallocations',
        filter: { teams: ['North CP'] },
        rate: 1,
        tier3Count: 0,
        seed: 'forms-browser',
      })
      .expect(201);
    const cycleId = opened.body.id as number;
    const lines = await allPages<{ auditId: number; caseRef: string; auditorUsername: string | null }>(
      site.t,
      `/api/v1/cycles/${cycleId}/audits`,
      council.admin,
    );
    const audit = lines.find((l) => l.auditorUsername === 'ap.one')!;

    const page = await newPage(site);
    await signIn(page, 'admin');
    await page.goto(`/admin/cycles/${cycleId}`);
    await page.getByRole('link', { name: 'Find an audit to reallocate by its case reference' }).click();
    expect(await page.locator('h1').textContent()).toBe('Find an audit to reallocate');
    await look(page, 'forms-reallocate-search');

    await page.getByLabel('Case reference').fill(audit.caseRef.toLowerCase());
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await page.locator('#results').textContent()).toContain(
      '1 audit with a case reference containing',
    );
    await look(page, 'forms-reallocate-found');
    await page.getByRole('link', { name: `Reallocate the audit of ${audit.caseRef}` }).click();
    expect(await page.locator('h1').textContent()).toBe(`Reallocate the audit of case ${audit.caseRef}`);

    await page.getByLabel('AP Two').check();
    await page.getByLabel('Why are you reallocating it?').fill('The auditor is on leave until March');
    await page.getByRole('button', { name: 'Reallocate' }).click();
    expect(await page.locator('.govuk-notification-banner').count()).toBe(1);

    await page.goto(`/audits/${audit.auditId}`);
    const history = page.locator('.moj-timeline').last();
    expect(await history.textContent()).toContain('Given to another auditor');
    expect(await history.textContent()).toContain('Reason: The auditor is on leave until March');
    await look(page, 'forms-audit-history-reason');

    await page.goto(`/admin/cycles/${cycleId}/audits/${audit.auditId}/reallocate`);
    expect(await page.locator('main').textContent()).toContain('Reallocated before');
    expect(await page.locator('main').textContent()).toContain('From AP One to AP Two');
    expect(await page.locator('main').textContent()).toContain('Reason: The auditor is on leave until March');
    await look(page, 'forms-reallocate-before');
  });

  it('names the register columns, and its template with one row added is accepted', async () => {
    const page = await newPage(site);
    await signIn(page, 'admin');
    await page.goto('/admin/register');
    expect(await page.locator('#csv-columns').textContent()).toContain(
      'case_ref, cohort, team, worker, opened_on',
    );
    await page.getByText('What goes in each column').click();
    expect(await page.locator('main').textContent()).toContain('Optional columns');
    await look(page, 'forms-register-columns');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download a template CSV file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('case-register-template.csv');
    const template = readFileSync((await download.path())!, 'utf8');
    const header = template.trim().split(',');
    const row: Record<string, string> = {
      case_ref: 'TEMPLATE-B1',
      cohort: 'CP',
      team: 'North CP',
      worker: 'Sam Worker',
      opened_on: '15/01/2026',
    };
    await page.setInputFiles('#files', {
      name: 'case-register-template.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(template + header.map((column) => row[column] ?? '').join(',') + '\r\n'),
    });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.locator('h1', { hasText: 'Check what the import will do' }).waitFor();
    expect(await page.locator('main').textContent()).toMatch(/New cases\s+1/);
    expect(await page.locator('main').textContent()).not.toMatch(/Rejected rows\s+[1-9]/);
    await look(page, 'forms-register-template-preview');
  });
});
