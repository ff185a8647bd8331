import type { Page } from 'playwright-core';
import { newAction, newPlanItem } from '../support/action-fixtures.js';
import { newActor, newAudit, newCase, newTeam, type TestContext } from '../support/factories.js';
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

const path = (page: Page) => new URL(page.url()).pathname;
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * Issue 13, point 7: the advanced practitioner's day starts on the tracker. They sign in, land
 * on their locality's actions, filter to what is overdue, and open one. Each page is checked
 * with axe and at 320 px (nothing but the page scrolls, and not sideways).
 */
describeInBrowser('the actions tracker, in Chromium', () => {
  let site: Site;
  let ctx: TestContext;
  let overdueId: number;

  beforeAll(async () => {
    site = await startSite('actions');
    ctx = { db: site.t.db, app: site.t.app };
    const team = await newTeam(site.t.db, { name: 'North Children in Need' });
    const other = await newTeam(site.t.db, { name: 'East Care Leavers' });
    const ap = await newUser(site.t.db, {
      username: 'ap.tracker',
      displayName: 'Asha Practitioner',
      role: Role.AdvancedPractitioner,
      localityId: team.localityId,
    });
    const sw = await newUser(site.t.db, {
      username: 'sw.tracker',
      displayName: 'Sam Worker-Longname',
      role: Role.SocialWorker,
      teamId: team.id,
      localityId: team.localityId,
    });
    const tm = await newUser(site.t.db, {
      username: 'tm.tracker',
      displayName: 'Tariq Manager',
      role: Role.TeamManager,
      teamId: team.id,
      localityId: team.localityId,
    });
    const elsewhere = await newUser(site.t.db, { role: Role.SocialWorker, teamId: other.id });
    // Submitted, with the moderator: its case's team manager may read it; its auditor is someone
    // else. (A completed factory audit carries an action of its own, to stay completed.)
    const audit = await newAudit(ctx, {
      state: 'inModeration',
      auditor: await newActor(site.t.db, { role: Role.AdvancedPractitioner, displayName: 'Ada Auditor' }),
      case: await newCase(site.t.db, { teamId: team.id, caseRef: 'CIN-20417' }),
    });
    // The factory's submission raised an action of its own: this story's actions are the ones below.
    await site.t.db.transaction(async (m) => {
      await m.query(`DELETE FROM workflow_transitions WHERE entity_type = 'action'`);
      await m.query('DELETE FROM actions');
    });
    const otherAudit = await newAudit(ctx, { case: await newCase(site.t.db, { teamId: other.id }) });
    const plan = await newPlanItem(site.t.db, 'IP-3.2', 'Chronologies are up to date on every case');
    const raise = (overrides: Partial<Parameters<typeof newAction>[1]>) =>
      newAction(ctx, {
        auditId: audit.id,
        teamId: team.id,
        ownerId: sw,
        raisedBy: ap,
        dueOn: '2026-12-20',
        ...overrides,
      });
    overdueId = await raise({
      dueOn: '2026-11-20',
      state: 'inProgress',
      planItemId: plan,
      domainKey: 'chronology',
      what: 'Bring the chronology up to date, including the strategy discussion of 4 November and the school’s referral',
      why: 'The chronology stops in March: the auditor could not see the pattern of missed visits.',
    });
    await raise({ dueOn: '2026-12-14', what: 'Record the management oversight of the last supervision' });
    await raise({ dueOn: '2026-12-17', ownerId: tm, what: 'Review the plan’s contingency with the family' });
    await raise({ dueOn: '2026-12-10', state: 'done', what: 'Update the GP and school details' });
    await raise({ dueOn: '2027-01-31', what: 'Hold a multi-agency review of the plan' });
    await raise({ dueOn: '2026-11-01', state: 'closed', what: 'Visit the child at home and see them alone' });
    // Another locality's: never on this reader's tracker.
    await newAction(ctx, {
      auditId: otherAudit.id,
      teamId: other.id,
      ownerId: elsewhere,
      raisedBy: ap,
      dueOn: '2026-11-02',
      what: 'Not for the north to see',
    });
  });

  afterAll(async () => {
    await site?.close();
  });

  it('an advanced practitioner lands on the tracker, filters to overdue and opens an action', async () => {
    const page = await newPage(site);
    await signIn(page, 'ap.tracker');
    expect(path(page)).toBe('/actions');
    await expect(page.locator('h1').textContent()).resolves.toBe('Actions in your locality');
    const rows = page.locator('#actions-table tbody tr');
    // The open ones, most days overdue first; the closed one and the other locality's are not here.
    await expect(rows.count()).resolves.toBe(5);
    expect(squash(await rows.first().textContent())).toContain('25 days overdue');
    expect(squash(await page.locator('#actions-table').textContent())).not.toContain('Not for the north');
    expect(squash(await page.locator('#tracker-summary').textContent())).toBe(
      '5 actions: 2 overdue, 1 due within 7 days, 1 awaiting verification.',
    );
    await checkPage(page, 'actions-tracker');
    await checkReflow(page, 'actions-tracker');

    await page.getByLabel('Show').selectOption('overdue');
    await page.locator('#apply-filters').click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).searchParams.get('status')).toBe('overdue');
    await expect(rows.count()).resolves.toBe(2);
    expect(squash(await page.locator('.moj-filter__selected').textContent())).toContain('Overdue');
    await checkPage(page, 'actions-tracker-overdue');
    await checkReflow(page, 'actions-tracker-overdue');

    // Sorted by due date instead: the column heading is the link.
    await page.getByRole('link', { name: /Due date/ }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('due');
    expect(new URL(page.url()).searchParams.get('status')).toBe('overdue');

    await page.getByRole('link', { name: /Bring the chronology up to date/ }).click();
    await page.waitForLoadState('load');
    expect(path(page)).toBe(`/actions/${overdueId}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Action on case CIN-20417');
    const facts = squash(await page.locator('#action-facts').textContent());
    for (const shown of ['In progress', 'Sam Worker-Longname', '20 November 2026', 'IP-3.2', 'Chronology']) {
      expect(facts + squash(await page.locator('#action-state').textContent())).toContain(shown);
    }
    expect(squash(await page.locator('#action-state').textContent())).toContain('25 days overdue');
    expect(squash(await page.locator('.moj-timeline').textContent())).toContain('Action raised');
    await checkPage(page, 'action');
    await checkReflow(page, 'action');
  });

  it('a social worker sees their own actions on "My actions"', async () => {
    const page = await newPage(site);
    await signIn(page, 'sw.tracker');
    await page.goto('/my-actions');
    await expect(page.locator('h1').textContent()).resolves.toBe('My actions');
    await expect(page.locator('#actions-table tbody tr').count()).resolves.toBe(4);
    await checkPage(page, 'my-actions');
    await checkReflow(page, 'my-actions');
  });

  it('the audit’s page lists the actions it raised, with their states', async () => {
    // The team manager reads their team's audits once submitted; the advanced practitioner (not
    // its auditor) does not, and their tracker shows the case reference without a link.
    const page = await newPage(site);
    await signIn(page, 'tm.tracker');
    await page.goto('/actions');
    await page.getByRole('link', { name: 'CIN-20417 (the audit)' }).first().click();
    await page.waitForLoadState('load');
    const list = squash(await page.locator('#raised-actions + table').textContent());
    expect(list).toContain('Awaiting verification');
    expect(list).toContain('Closed');
    await checkPage(page, 'audit-with-actions');
    await checkReflow(page, 'audit-with-actions');
  });
});
