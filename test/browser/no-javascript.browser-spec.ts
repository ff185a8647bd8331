import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CasesImportService } from '../../libs/cases/index.js';
import { newActor, newAudit } from '../support/factories.js';
import { registerCsv, spreadCases } from '../support/register-files.js';
import { newOrg, newUser, Role } from '../support/test-app.js';
import { describeInBrowser, newPage, SCREENSHOTS, signIn, startSite, type Site } from './support/browser.js';

/**
 * The pages work without JavaScript: a council laptop with scripts blocked still signs in, saves
 * a draft, and watches a register upload to its preview (the page refreshes itself). axe needs
 * scripts to run, so these pages are checked for accessibility with scripts on, in the journeys.
 */
describeInBrowser('the pages with JavaScript turned off, in Chromium', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite('no-javascript');
    await newOrg(site.t.db, [['North CP', 'North', 'CP']]);
    await newUser(site.t.db, { username: 'admin.nojs', role: Role.Administrator });
  });

  afterAll(async () => {
    await site?.close();
  });

  const shot = async (page: Page, name: string) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };
  const h1 = async (page: Page) => (await page.locator('h1').textContent())?.trim();

  it('signs in, starts an audit, saves a draft and flags unsafe practice', async () => {
    const auditor = await newActor(site.t.db, { role: Role.TeamManager, displayName: 'Nora Script' });
    await newUser(site.t.db, { role: Role.Director });
    const made = await newAudit(site.t, { auditor, state: 'allocated' });
    const page = await newPage(site, { javaScript: false });
    await signIn(page, auditor.username);
    expect(await h1(page)).toBe('My audits');
    expect(await page.locator('body').getAttribute('class')).not.toContain('js-enabled');
    await page.getByRole('link', { name: made.case.caseRef }).click();
    await page.getByRole('button', { name: 'Start the audit' }).click();
    expect(await h1(page)).toBe('Grade the case');
    await page.locator('input[type=radio][id^="grade-"]').first().check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Your draft has been saved',
    );
    await shot(page, 'no-js-grading-saved');
    await page.getByRole('link', { name: 'Back to the audit' }).click();
    await page.getByRole('link', { name: /Flag unsafe practice/ }).click();
    await page.getByRole('button', { name: 'Flag unsafe practice' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter what is unsafe');
    await shot(page, 'no-js-escalation-refused');
  });

  it('uploads a register and the progress page refreshes itself until the preview', async () => {
    const imports = site.t.app.get(CasesImportService);
    const original = imports.importRegister.bind(imports);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    imports.importRegister = async (request) => {
      request.onProgress?.({ phase: 'saving', done: 5, total: 20 });
      await gate;
      imports.importRegister = original;
      return original(request);
    };
    const page = await newPage(site, { javaScript: false });
    try {
      await signIn(page, 'admin.nojs');
      await page.goto('/admin/register');
      await page.setInputFiles('#files', {
        name: 'register.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(registerCsv(spreadCases(20, [['North CP', 'CP']], 'NJ'))),
      });
      await page.getByRole('button', { name: 'Upload and check' }).click();
      expect(await h1(page)).toContain('Checking the register');
      expect(await page.locator('progress').count()).toBe(1);
      await shot(page, 'no-js-register-progress');
    } finally {
      release();
    }
    // No script moves the bar or reloads: the page's own refresh brings the preview.
    await page.locator('h1', { hasText: 'Check what the import will do' }).waitFor({ timeout: 20_000 });
    await shot(page, 'no-js-register-preview');
  });
});
