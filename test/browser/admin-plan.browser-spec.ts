import { PlanItemsService } from '../../libs/actions/index.js';
import { plusDays } from '../../libs/actions/rules/plan-rag.js';
import { raiseDemoAction } from '../../libs/demo/demo-action-run.js';
import { WorkflowRunner } from '../../libs/persistence/workflow-runner.service.js';
import { newActor, newAudit } from '../support/factories.js';
import { newUser, Role, TEST_TODAY } from '../support/test-app.js';
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

describeInBrowser('the improvement plan at /admin/plan, in Chromium', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite('admin-plan');
    const { t } = site;
    await newUser(t.db, { username: 'admin.plan', role: Role.Administrator });
    const audit = await newAudit(t);
    const sw = await newActor(t.db, { role: Role.SocialWorker, teamId: audit.case.teamId });
    const tm = await newActor(t.db, { role: Role.TeamManager, teamId: audit.case.teamId });
    const items = t.app.get(PlanItemsService);
    const actor = (u: { id: number; username: string }) => ({ id: u.id, label: u.username });
    for (const [reference, state, due] of [
      ['IP-1', 'open', -3],
      ['IP-2', 'inProgress', 7],
      ['IP-3', 'open', 30],
      ['REC-1', 'closed', 2],
    ] as const) {
      const item = await items.create({
        reference,
        title: `Item ${reference}`,
        source: 'improvement_plan',
        owner: 'Head of Service',
      });
      await t.db.transaction((m) =>
        raiseDemoAction(
          m,
          t.app.get(WorkflowRunner),
          {
            auditId: audit.id,
            teamId: audit.case.teamId,
            owner: actor(sw),
            manager: actor(tm),
            raisedBy: actor(audit.auditor!),
            what: 'Update the plan',
            why: 'No contingency',
            successMeasure: 'The plan has one',
            dueOn: plusDays(TEST_TODAY, due),
            planItemId: item.id,
            state,
          },
          t.clock.nowIso(),
        ),
      );
    }
  });

  afterAll(async () => {
    await site?.close();
  });

  it('lists the items in every colour with words, and adds and changes one, errors and all', async () => {
    const page = await newPage(site);
    await signIn(page, 'admin.plan');
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Plan', exact: true }).click();
    for (const words of ['Red: overdue', 'Amber: due soon', 'Green: on track', 'Blue: complete'])
      await page.getByText(words).waitFor();
    await checkPage(page, 'admin-plan');
    await checkReflow(page, 'admin-plan');

    await page.getByRole('button', { name: 'Add a plan item' }).click();
    await checkPage(page, 'admin-plan-add');
    await page.getByRole('button', { name: 'Save plan item' }).click();
    expect(await page.title()).toMatch(/^Error: Add a plan item/);
    await page.locator('.govuk-error-summary a').first().click();
    expect(await focusedId(page)).toBe('reference');
    await checkPage(page, 'admin-plan-add-blank');
    await checkReflow(page, 'admin-plan-add-blank');

    await page.getByLabel('Reference').fill('ip-1');
    await page.getByLabel('Title').fill('Strategy discussions include the police');
    await page.getByLabel('Inspection recommendation').check();
    await page.getByLabel('Owner').fill('Director');
    await page.getByRole('button', { name: 'Save plan item' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'IP-1 is already the reference',
    );
    expect(await page.getByLabel('Title').inputValue()).toBe('Strategy discussions include the police');
    await checkPage(page, 'admin-plan-add-taken');

    await page.getByLabel('Reference').fill('REC-2');
    await page.getByRole('button', { name: 'Save plan item' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('has been saved');
    await page.getByText('No actions yet').waitFor();

    await page.getByRole('link', { name: 'Change REC-2' }).click();
    await checkPage(page, 'admin-plan-change');
    await page.getByLabel('Owner').fill('Director of Children’s Services');
    await page.getByRole('button', { name: 'Save plan item' }).click();
    await page.getByText('Director of Children’s Services').waitFor();
  });
});
