import type { Page } from 'playwright-core';
import { newAction } from '../support/action-fixtures.js';
import { newAudit, newCase, newTeam } from '../support/factories.js';
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

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const settle = (page: Page) => page.waitForLoadState('load');

/**
 * Issue 13, point 7: the forms on an action's page, in a browser. An advanced practitioner finds
 * a done action, tries to send it back without a reason (the error state), then verifies it by
 * clicking; a team manager sees the manager's forms. Each page is checked with axe and at 320 px.
 */
describeInBrowser('the action page’s forms, in Chromium', () => {
  let site: Site;
  let doneId: number;
  let openId: number;

  beforeAll(async () => {
    site = await startSite('action-forms');
    const ctx = { db: site.t.db, app: site.t.app };
    const team = await newTeam(site.t.db, { name: 'North Children in Need' });
    const person = (username: string, displayName: string, role: Role, teamId: number | null) =>
      newUser(site.t.db, { username, displayName, role, teamId, localityId: team.localityId });
    const ap = await person('ap.forms', 'Asha Practitioner', Role.AdvancedPractitioner, null);
    const sw = await person('sw.forms', 'Sam Worker-Longname', Role.SocialWorker, team.id);
    await person('sw2.forms', 'Nia Colleague', Role.SocialWorker, team.id);
    await person('tm.forms', 'Tariq Manager', Role.TeamManager, team.id);
    const audit = await newAudit(ctx, {
      case: await newCase(site.t.db, { teamId: team.id, caseRef: 'CIN-30512' }),
    });
    const raise = (state: 'open' | 'done', what: string) =>
      newAction(ctx, {
        auditId: audit.id,
        teamId: team.id,
        ownerId: sw,
        raisedBy: ap,
        dueOn: '2026-12-20',
        state,
        what,
      });
    doneId = await raise('done', 'Update the GP and school details on the case record');
    openId = await raise('open', 'Hold a multi-agency review of the plan');
  });

  afterAll(async () => {
    await site?.close();
  });

  it('an advanced practitioner is refused a blank reason, then verifies the action by clicking', async () => {
    const page = await newPage(site);
    await signIn(page, 'ap.forms');
    await page.goto(`/actions/${doneId}`);
    await expect(page.locator('#action-forms-heading').textContent()).resolves.toBe('What you can do');
    await checkPage(page, 'action-forms-verifier');
    await checkReflow(page, 'action-forms-verifier');

    await page.getByText('Send back to the owner').click();
    await page.getByRole('button', { name: 'Send back' }).click();
    await settle(page);
    expect(squash(await page.locator('.govuk-error-summary').textContent())).toContain(
      'Enter why you are sending the action back',
    );
    await expect(page.locator('#send-back-form').getAttribute('open')).resolves.not.toBeNull();
    await checkPage(page, 'action-forms-error');
    await checkReflow(page, 'action-forms-error');

    await page.getByRole('button', { name: 'Verify and close' }).click();
    await settle(page);
    expect(new URL(page.url()).pathname).toBe(`/actions/${doneId}`);
    expect(squash(await page.locator('#action-notice').textContent())).toContain(
      'The action has been verified and closed.',
    );
    expect(squash(await page.locator('#action-state').textContent())).toContain('Closed');
    await expect(page.locator('#action-forms form').count()).resolves.toBe(0);
  });

  it('a team manager sees the manager’s forms, and the cancel button is a warning', async () => {
    const page = await newPage(site);
    await signIn(page, 'tm.forms');
    await page.goto(`/actions/${openId}`);
    for (const summary of ['Reassign', 'Move the due date', 'Cancel the action']) {
      await page.locator('summary', { hasText: summary }).click();
    }
    await expect(
      page.getByRole('button', { name: 'Cancel the action' }).getAttribute('class'),
    ).resolves.toContain('govuk-button--warning');
    await checkPage(page, 'action-forms-manager');
    await checkReflow(page, 'action-forms-manager');
  });
});
