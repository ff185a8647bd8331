import { Team } from '../../libs/org/team.entity.js';
import { newOrg, newUser, Role } from '../support/test-app.js';
import {
  describeInBrowser,
  checkPage,
  checkReflow,
  focusedId,
  newPage,
  signIn,
  startSite,
  type Site,
} from './support/browser.js';

describeInBrowser('the administrator’s people and audit-tool pages, in Chromium', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite('admin-people');
    await newOrg(site.t.db, [['North Child Protection', 'North', 'CP']]);
    await newUser(site.t.db, {
      username: 'admin.people',
      displayName: 'Ada Admin',
      role: Role.Administrator,
    });
  });

  afterAll(async () => {
    await site?.close();
  });

  const teamId = async (name: string) => (await site.t.db.read((m) => m.findOneByOrFail(Team, { name }))).id;

  it('adds a user, resets their password, deactivates them and adds a team', async () => {
    const page = await newPage(site);
    await signIn(page, 'admin.people');
    await page.goto('/admin/users');
    await checkPage(page, 'admin-users');

    await page.getByRole('button', { name: 'Add a user' }).click();
    await checkPage(page, 'admin-user-add');
    await checkReflow(page, 'admin-user-add');
    await page.getByRole('button', { name: 'Add user' }).click();
    expect(await page.title()).toMatch(/^Error: Add a user/);
    await page.locator('.govuk-error-summary a').first().click();
    expect(await focusedId(page)).toBe('displayName');
    await checkPage(page, 'admin-user-add-blank');
    await checkReflow(page, 'admin-user-add-blank');

    await page.getByLabel('Name', { exact: true }).fill('Tia Manager');
    await page.getByLabel('Username').fill('tia.manager');
    await page.getByLabel('Role').selectOption('team_manager');
    await page.getByLabel('Make one up and show it to me once').check();
    await page.getByRole('button', { name: 'Add user' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('their role needs one');
    await checkPage(page, 'admin-user-add-no-team');

    await page.getByLabel('Team').selectOption('North Child Protection');
    await page.getByLabel('Make one up and show it to me once').check();
    await page.getByRole('button', { name: 'Add user' }).click();
    expect(await page.locator('h1').textContent()).toContain('User added');
    expect((await page.locator('#password').textContent())?.trim()).toHaveLength(16);
    await checkPage(page, 'admin-user-added-password');

    await page.getByRole('link', { name: 'Go to Tia Manager' }).click();
    await checkPage(page, 'admin-user');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await checkPage(page, 'admin-user-reset');
    await page.getByLabel('I will type one').check();
    await page.getByRole('button', { name: 'Reset password' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the new password');
    await checkPage(page, 'admin-user-reset-blank');
    await page.getByLabel('Password', { exact: true }).fill('a-new-password-1');
    await page.getByRole('button', { name: 'Reset password' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'password has been changed',
    );
    await checkPage(page, 'admin-user-reset-done');

    await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await checkPage(page, 'admin-user-deactivate');
    await page.getByRole('button', { name: 'Deactivate user' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('has been deactivated');
    await checkPage(page, 'admin-user-deactivated');

    await page.goto('/admin/users?status=deactivated');
    expect(await page.locator('table').textContent()).toContain('Tia Manager');
    await checkPage(page, 'admin-users-filtered');

    await page.getByRole('link', { name: 'Teams and localities' }).click();
    await checkPage(page, 'admin-teams');
    await page.getByRole('button', { name: 'Add a team' }).click();
    await page.getByRole('button', { name: 'Save team' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter the team’s name');
    await checkPage(page, 'admin-team-add-blank');
    await page.getByLabel('Team name').fill('North Children in Care');
    await page.getByLabel('Locality').selectOption('North');
    await page.getByLabel('Cohort').selectOption('CLA');
    await page.getByRole('button', { name: 'Save team' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('team has been saved');
    expect(await page.locator('main').textContent()).toContain('North Children in Care');
    await checkPage(page, 'admin-team-added');
  }, 180_000);

  it('changes a user’s name and role, and the menu keeps Users and teams marked on the teams pages', async () => {
    const id = await newUser(site.t.db, {
      username: 'theo.change',
      displayName: 'Theo Manager',
      role: Role.TeamManager,
      teamId: await teamId('North Child Protection'),
    });
    const page = await newPage(site);
    await signIn(page, 'admin.people');
    await page.goto(`/admin/users/${id}`);
    await page.getByRole('button', { name: 'Change details' }).click();
    expect(await page.locator('h1').textContent()).toContain('Change their details');
    expect(await page.getByLabel('Team').inputValue()).toBe('North Child Protection');
    await checkPage(page, 'admin-user-edit');
    await checkReflow(page, 'admin-user-edit');

    await page.getByLabel('Name', { exact: true }).fill('Theo Head');
    await page.getByLabel('Role').selectOption('head_of_service');
    await page.getByLabel('Team').selectOption('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('their role needs one');
    await page.locator('.govuk-error-summary a').first().click();
    expect(await focusedId(page)).toBe('locality');
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Theo Head');
    await checkPage(page, 'admin-user-edit-no-locality');

    await page.getByLabel('Locality').selectOption('North');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('signed out');
    expect(await page.locator('main').textContent()).toContain('Head of service');
    await checkPage(page, 'admin-user-changed');

    await page.goto('/admin/teams');
    const marked = page.locator('.govuk-service-navigation__item--active');
    expect((await marked.textContent())?.trim()).toBe('Users and teams');
  }, 120_000);

  it('drafts, publishes and retires an audit tool version', async () => {
    const page = await newPage(site);
    await signIn(page, 'admin.people');
    await page.goto('/admin/audit-tools');
    await checkPage(page, 'admin-audit-tools');
    await page.getByRole('link', { name: 'Version 1' }).click();
    await checkPage(page, 'admin-audit-tool');

    await page.getByRole('button', { name: 'Draft a new version from this one' }).click();
    expect(await page.locator('h1').textContent()).toContain('Edit the draft');
    await checkPage(page, 'admin-audit-tool-edit');
    const key = await page.getByLabel('Key of domain 1', { exact: true }).inputValue();
    await page.getByLabel('Key of domain 1', { exact: true }).fill('Bad key');
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Domain 1 (');
    await checkPage(page, 'admin-audit-tool-edit-problems');
    await page.getByRole('link', { name: 'upload a JSON file' }).click();
    const file = { name: 'tool.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') };
    await page.getByLabel('JSON file').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and save the draft' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('not valid JSON');
    await page.locator('.govuk-error-summary a').first().click();
    expect(await focusedId(page)).toBe('file');
    await checkPage(page, 'admin-audit-tool-edit-bad-json');

    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.getByRole('link', { name: 'Publish this draft' }).click();
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Domain 1 (');
    await checkPage(page, 'admin-audit-tool-publish-refused');

    await page.getByRole('link', { name: 'Edit the draft' }).click();
    await page.getByLabel('Key of domain 1', { exact: true }).fill(key);
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('draft has been saved');
    await page.getByRole('link', { name: 'Publish this draft' }).click();
    await checkPage(page, 'admin-audit-tool-publish');
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('has been published');
    await checkPage(page, 'admin-audit-tool-published');

    await page.getByRole('button', { name: 'Retire', exact: true }).click();
    await checkPage(page, 'admin-audit-tool-retire');
    await page.getByRole('button', { name: 'Retire version 2' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('has been retired');
    await checkPage(page, 'admin-audit-tool-retired');

    // Version 1 is now the only published standard tool: retiring it is refused on the page.
    await page.goto('/admin/audit-tools');
    await page.getByRole('link', { name: 'Version 1' }).click();
    await page.getByRole('button', { name: 'Retire', exact: true }).click();
    await page.getByRole('button', { name: 'Retire version 1' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('only published version');
    await checkPage(page, 'admin-audit-tool-retire-refused');
  }, 180_000);
});
