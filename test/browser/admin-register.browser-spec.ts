import { registerCsv, spreadCases } from '../support/register-files.js';
import { newOrg, newUser, Role } from '../support/test-app.js';
import {
  describeInBrowser,
  checkPage,
  focusedId,
  newPage,
  signIn,
  startSite,
  type Site,
} from './support/browser.js';

const TEAMS: [string, string, string][] = [
  ['North CIN', 'North', 'CIN'],
  ['North CP', 'North', 'CP'],
];

describeInBrowser('the administrator uploads a case register, in Chromium', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite('admin-register');
    await newOrg(site.t.db, TEAMS);
    await newUser(site.t.db, {
      username: 'admin.register',
      displayName: 'Ada Admin',
      role: Role.Administrator,
    });
  });

  afterAll(async () => {
    await site?.close();
  });

  /** Forty cases; each test its own references, so the tests pass in any order. */
  const register = (prefix: string, extra: Parameters<typeof registerCsv>[0] = []) => ({
    name: 'register.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      registerCsv([
        ...spreadCases(
          40,
          TEAMS.map(([team, , cohort]) => [team, cohort]),
          prefix,
        ),
        ...extra,
      ]),
    ),
  });

  it('uploads a CSV, previews it, imports it and watches the progress to the end', async () => {
    const page = await newPage(site);
    await signIn(page, 'admin.register');
    await page.goto('/admin');
    expect(await page.locator('h1').textContent()).toBe('Administration');
    await checkPage(page, 'admin-overview-empty');

    await page.getByRole('link', { name: 'Upload a case register' }).click();
    expect(await page.locator('h1').textContent()).toBe('Case register');
    await checkPage(page, 'admin-register-upload');

    // No file chosen: the summary names the field and its link takes the keyboard there.
    await page.getByRole('button', { name: 'Upload and check' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select a register file');
    await checkPage(page, 'admin-register-no-file');
    await page.locator('.govuk-error-summary a').first().click();
    expect(await focusedId(page)).toBe('files');

    // A file of the wrong type.
    await page.setInputFiles('#files', {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello'),
    });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('must be a CSV');
    await checkPage(page, 'admin-register-wrong-type');

    await page.setInputFiles('#files', register('J', [{ ref: 'X00001', cohort: 'XYZ', team: 'North CP' }]));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    // The dry run runs in the background; the page (or its script) shows the preview when done.
    await page.locator('h1', { hasText: 'Check what the import will do' }).waitFor();
    expect(await page.locator('.govuk-summary-list').nth(1).textContent()).toMatch(/New cases\s+40/);
    expect(await page.locator('table').textContent()).toContain('unknown cohort XYZ');
    await checkPage(page, 'admin-register-preview');

    await page.getByRole('button', { name: 'Import' }).click();
    await page.locator('.govuk-panel__title', { hasText: 'Register imported' }).waitFor();
    await checkPage(page, 'admin-register-imported');

    await page.goto('/admin');
    expect(await page.locator('main').textContent()).toMatch(/40 new, 0 updated, 0 closed, 1 rows rejected/);
    await checkPage(page, 'admin-overview');
  });

  it('asks for the closures to be confirmed, and refuses the import until they are', async () => {
    // Forty open cases first, whichever test ran before.
    const { CasesImportService } = await import('../../libs/cases/index.js');
    await site.t.app.get(CasesImportService).importRegister({
      files: [{ name: 'base.csv', content: register('K').buffer }],
      actor: 'test',
    });
    const page = await newPage(site);
    await signIn(page, 'admin.register');
    await page.goto('/admin/register');
    await page.setInputFiles('#files', {
      name: 'register.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(registerCsv(spreadCases(2, [['North CP', 'CP']], 'Z'))),
    });
    await page.getByLabel('This is the full register: close open cases that are not in it').check();
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.locator('h1', { hasText: 'Check what the import will do' }).waitFor();
    expect(await page.locator('.govuk-warning-text').textContent()).toContain('closes');
    await checkPage(page, 'admin-register-safeguard');

    await page.getByRole('button', { name: 'Import' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Confirm that this import closes',
    );
    await checkPage(page, 'admin-register-safeguard-unconfirmed');

    await page.getByLabel(/I confirm this import closes/).check();
    await page.getByRole('button', { name: 'Import' }).click();
    await page.locator('.govuk-panel__title', { hasText: 'Register imported' }).waitFor();
    await checkPage(page, 'admin-register-safeguard-imported');
  });

  it('shows the progress bar while a run is going, moved by the script', async () => {
    const page = await newPage(site);
    await signIn(page, 'admin.register');
    // A run held open, so the progress page is seen as it is while working.
    const { CasesImportService } = await import('../../libs/cases/index.js');
    const imports = site.t.app.get(CasesImportService);
    const original = imports.importRegister.bind(imports);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    imports.importRegister = async (request) => {
      request.onProgress?.({ phase: 'saving', done: 10, total: 40 });
      await gate;
      imports.importRegister = original;
      return original(request);
    };
    try {
      await page.goto('/admin/register');
      await page.setInputFiles('#files', register('P'));
      await page.getByRole('button', { name: 'Upload and check' }).click();
      await page.locator('h1', { hasText: 'Checking the register' }).waitFor();
      // The page may have been drawn before the run reported; the script brings the bar up to date.
      await page.getByRole('status').filter({ hasText: '10 of 40 rows (25%)' }).waitFor();
      const bar = page.getByRole('progressbar', { name: 'Checking the file' });
      expect(await bar.evaluate((element) => (element as unknown as { value: number }).value)).toBe(25);
      await checkPage(page, 'admin-register-progress');
    } finally {
      release();
    }
    // The script sees the run end and reloads into the preview.
    await page.locator('h1', { hasText: 'Check what the import will do' }).waitFor();
    await checkPage(page, 'admin-register-progress-done');
  });
});
