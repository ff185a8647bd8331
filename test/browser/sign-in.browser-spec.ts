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

describeInBrowser('signing in and out, in Chromium', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite('sign-in');
    await newUser(site.t.db, { username: 'tm.sign-in', displayName: 'Tess Manager', role: Role.TeamManager });
  });

  afterAll(async () => {
    await site?.close();
  });

  it('shows the sign-in page, its errors, the signed-in header and the signed-out notice, each accessible', async () => {
    const page = await newPage(site);
    await page.goto('/login');
    await checkPage(page, 'sign-in');

    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter your username');
    await checkPage(page, 'sign-in-blank');

    await page.getByLabel('Username').fill('tm.sign-in');
    await page.getByLabel('Password', { exact: true }).fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.title()).toMatch(/^Error: Sign in/);
    // The summary's link takes the keyboard to the field it names.
    await page.locator('.govuk-error-summary a').first().click();
    expect(await focusedId(page)).toBe('username');
    await checkPage(page, 'sign-in-wrong-password');

    await signIn(page, 'tm.sign-in');
    expect(await page.locator('.app-signed-in__name').textContent()).toBe('Tess Manager');
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('You have signed out');
    await checkPage(page, 'signed-out');
  });

  it('shows a GOV.UK styled 404 page', async () => {
    const page = await newPage(site);
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await checkPage(page, 'not-found');
  });
});
