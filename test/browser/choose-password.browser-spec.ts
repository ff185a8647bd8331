import { User } from '../../libs/org/user.entity.js';
import { newUser, Role, TEST_PASSWORD } from '../support/test-app.js';
import {
  describeInBrowser,
  checkPage,
  checkReflow,
  newPage,
  signIn,
  startSite,
  type Site,
} from './support/browser.js';

describeInBrowser('choosing a password an administrator set, in Chromium', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite('choose-password');
    await newUser(site.t.db, { username: 'mod.new', displayName: 'Mo Newcomer', role: Role.Moderator });
    // As an administrator's adding or resetting leaves them.
    await site.t.db.transaction((m) => m.update(User, { username: 'mod.new' }, { passwordMustChange: true }));
  });

  afterAll(async () => {
    await site?.close();
  });

  it('sends the person to choose their own first, refuses a common one, then lets them on', async () => {
    const page = await newPage(site);
    await signIn(page, 'mod.new');
    await page.waitForURL('**/account/password');
    expect(await page.locator('h1').textContent()).toBe('Choose a new password');
    await checkPage(page, 'choose-password');
    await checkReflow(page, 'choose-password');

    await page.getByLabel('Current password').fill(TEST_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill('Basketball');
    await page.getByLabel('Confirm new password').fill('Basketball');
    await page.getByRole('button', { name: 'Save new password' }).click();
    expect(await page.title()).toMatch(/^Error: Choose a new password/);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('commonly used passwords');
    await checkPage(page, 'choose-password-common');
    await checkReflow(page, 'choose-password-common');

    await page.getByLabel('Current password').fill(TEST_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill('teapot-harbour-seven');
    await page.getByLabel('Confirm new password').fill('teapot-harbour-seven');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.waitForURL('**/moderation');
    expect(await page.locator('.app-signed-in__name').textContent()).toBe('Mo Newcomer');
  });
});
