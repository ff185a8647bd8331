import type { Page } from 'playwright-core';
import { EscalationsService } from '../../libs/audits/escalations.service.js';
import { appliesTo } from '../../workflows/audit-tool-definition.js';
import { DEFAULT_AUDIT_TOOL } from '../support/default-audit-tool.js';
import {
  authenticated,
  newActor,
  newAudit,
  newCase,
  newTeam,
  type TestContext,
} from '../support/factories.js';
import { newUser, Role } from '../support/test-app.js';
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

/** A long answer, as an auditor writes one: a few thousand characters, with line breaks. */
const longAnswer = (topic: string) =>
  Array.from(
    { length: 12 },
    (_, i) => `${topic}, paragraph ${i + 1}: the case file shows drift since March; nobody recorded why.`,
  ).join('\n\n');

const text = async (page: Page, selector: string) =>
  (await page.locator(selector).first().textContent()) ?? '';
const summary = (page: Page) => text(page, '.govuk-error-summary');

/** Each form that holds long text keeps what was typed: a draft stores what is valid, a form re-shows it. */
describeInBrowser('never losing what someone typed, in Chromium', () => {
  let site: Site;
  let ctx: TestContext;

  beforeAll(async () => {
    site = await startSite('drafts');
    ctx = { db: site.t.db, app: site.t.app };
    await newUser(site.t.db, { role: Role.Moderator });
  });

  afterAll(async () => {
    await site?.close();
  });

  it('a grading draft with one bad due date stores everything else, names what it did not, and keeps it on the page', async () => {
    const auditor = await newActor(site.t.db, { role: Role.TeamManager });
    const made = await newAudit(ctx, { auditor, state: 'inProgress' });
    // Someone in the case's team to own the action.
    await newUser(site.t.db, { role: Role.SocialWorker, teamId: made.audit.teamId });
    const cohort = made.case.cohortCode;
    const domains = DEFAULT_AUDIT_TOOL.domains.filter((d) => appliesTo(d, cohort));
    const items = DEFAULT_AUDIT_TOOL.compliance.filter((i) => appliesTo(i, cohort));
    const page = await newPage(site);
    await signIn(page, auditor.username);
    await page.goto(`/audits/${made.id}/grading`);
    const lastSavedBefore = await text(page, '#last-saved');

    for (const d of domains) {
      await page.check(`input[name="grade-${d.key}"][value="requires_improvement"]`);
      await page.fill(`#evidence-${d.key}`, longAnswer(d.title));
    }
    for (const i of items) await page.check(`input[name="compliance-${i.key}"][value="met"]`);
    await page.check('input[name="improved"][value="no"]');
    await page.check('input[name="overall-grade"][value="requires_improvement"]');
    const rationale = longAnswer('Overall');
    await page.fill('#overall-rationale', rationale);
    await page.fill('#action-0-what', 'Review the plan with the family');
    await page.selectOption('#action-0-ownerId', { index: 1 });
    await page.fill('#action-0-dueOn-day', '31');
    await page.fill('#action-0-dueOn-month', '2');
    await page.fill('#action-0-dueOn-year', '2027');
    await page.getByRole('button', { name: 'Save draft' }).click();

    expect(await page.title()).toMatch(/^Error: /);
    expect(await summary(page)).toContain('Action 1 was not saved: the due date must be a real date');
    expect(await text(page, '.govuk-notification-banner')).toContain('The rest of your draft has been saved');
    expect(await text(page, '#last-saved')).not.toBe(lastSavedBefore);
    // What was not saved is still on the page, as typed.
    expect(await page.inputValue('#action-0-what')).toBe('Review the plan with the family');
    expect(await page.inputValue('#action-0-dueOn-month')).toBe('2');
    await page.locator('.govuk-error-summary a').first().click();
    expect(await focusedId(page)).toBe('action-0-dueOn-day');
    await checkPage(page, 'drafts-grading-partly-saved');
    await checkReflow(page, 'drafts-grading-partly-saved');

    // Leaving and coming back: every valid answer was stored.
    await page.goto(`/audits/${made.id}/grading`);
    expect(await page.title()).not.toMatch(/^Error: /);
    for (const d of domains) {
      expect(await page.inputValue(`#evidence-${d.key}`)).toBe(longAnswer(d.title));
      expect(await page.isChecked(`input[name="grade-${d.key}"][value="requires_improvement"]`)).toBe(true);
    }
    expect(await page.inputValue('#overall-rationale')).toBe(rationale);
    expect(await page.isChecked('input[name="improved"][value="no"]')).toBe(true);
    expect(await page.inputValue('#action-0-what')).toBe('');

    // Put right and saved again, the action is stored too.
    await page.fill('#action-0-what', 'Review the plan with the family');
    await page.selectOption('#action-0-ownerId', { index: 1 });
    await page.fill('#action-0-dueOn-day', '28');
    await page.fill('#action-0-dueOn-month', '2');
    await page.fill('#action-0-dueOn-year', '2027');
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect(await text(page, '.govuk-notification-banner')).toContain('Your draft has been saved');
    await page.goto(`/audits/${made.id}/grading`);
    expect(await page.inputValue('#action-0-dueOn-day')).toBe('28');
    await checkPage(page, 'drafts-grading-reloaded');
  });

  it('the discussion and the family feedback, refused, show every answer again as typed', async () => {
    const auditor = await newActor(site.t.db, { role: Role.TeamManager });
    const made = await newAudit(ctx, { auditor, state: 'awaitingDiscussion' });
    const page = await newPage(site);
    await signIn(page, auditor.username);

    await page.goto(`/audits/${made.id}/discussion`);
    const discussed = longAnswer('Discussed');
    const reflection = longAnswer('Reflection');
    await page.check('input[name="happened"][value="yes"]');
    await page.fill('#heldOn-day', '31');
    await page.fill('#heldOn-month', '2');
    await page.fill('#heldOn-year', '2026');
    await page.fill('#summary', discussed);
    await page.fill('#workerReflection', reflection);
    await page.check('input[name="agreement"][value="partly"]');
    await page.fill('#disagreement', 'The grade for the plan.');
    await page.getByRole('button', { name: 'Save the discussion' }).click();
    expect(await summary(page)).toContain('The date of the discussion must be a real date');
    expect(await page.inputValue('#summary')).toBe(discussed);
    expect(await page.inputValue('#workerReflection')).toBe(reflection);
    expect(await page.inputValue('#heldOn-month')).toBe('2');
    expect(await page.isChecked('input[name="agreement"][value="partly"]')).toBe(true);
    await checkPage(page, 'drafts-discussion-refused');
    await checkReflow(page, 'drafts-discussion-refused');

    await page.goto(`/audits/${made.id}/feedback`);
    const said = longAnswer('The child said');
    await page.fill('#from', 'The child');
    await page.fill('#said', said);
    await page.getByRole('button', { name: 'Save the feedback' }).click();
    expect(await summary(page)).toContain('Enter how the feedback was given');
    expect(await page.inputValue('#said')).toBe(said);
    expect(await page.inputValue('#from')).toBe('The child');
    await checkPage(page, 'drafts-feedback-refused');
    await checkReflow(page, 'drafts-feedback-refused');
  });

  it('flagging unsafe practice, refused as too long, shows the reason again as typed', async () => {
    const auditor = await newActor(site.t.db, { role: Role.TeamManager });
    const made = await newAudit(ctx, { auditor, state: 'inProgress' });
    const page = await newPage(site);
    await signIn(page, auditor.username);
    await page.goto(`/audits/${made.id}/escalation`);
    const reason = `${longAnswer('Unsafe')} ${'x'.repeat(5000)}`;
    await page.fill('#reason', reason);
    await page.getByRole('button', { name: 'Flag unsafe practice' }).click();
    expect(await summary(page)).toContain('What is unsafe must be 5,000 characters or fewer');
    expect(await page.inputValue('#reason')).toBe(reason);
    await checkPage(page, 'drafts-escalation-refused');
    await checkReflow(page, 'drafts-escalation-refused');
  });

  it('a moderation and an acknowledgement, refused, show the choices and the long text again', async () => {
    const audit = await newAudit(ctx, { state: 'inModeration' });
    const moderator = await authenticated(site.t.db, audit.audit.moderatorId!);
    const page = await newPage(site);
    await signIn(page, moderator.username);
    await page.goto(`/moderation/${audit.id}`);
    const comment = longAnswer('Moderator');
    await page.locator('.govuk-radios').first().locator('input[value=agree]').check();
    await page.fill('#comment', comment);
    await page.getByRole('button', { name: 'Save moderation' }).click();
    expect(await summary(page)).toContain('Choose whether you agree with the grade for');
    expect(await page.inputValue('#comment')).toBe(comment);
    expect(await page.locator('.govuk-radios').first().locator('input[value=agree]').isChecked()).toBe(true);
    await checkPage(page, 'drafts-moderation-refused');
    await checkReflow(page, 'drafts-moderation-refused');

    // A second tab, open on the same form, sent after the first: its comment is shown again (409).
    const second = await newPage(site);
    await signIn(second, moderator.username);
    await second.goto(`/moderation/${audit.id}`);
    for (const group of await page.locator('.govuk-radios').all())
      await group.locator('input[value=agree]').check();
    await page.getByRole('button', { name: 'Save moderation' }).click();
    for (const group of await second.locator('.govuk-radios').all()) {
      await group.locator('input[value=agree]').check();
    }
    await second.fill('#comment', comment);
    await second.getByRole('button', { name: 'Save moderation' }).click();
    expect(await summary(second)).toContain('Someone else saved this audit after you opened it');
    expect(await text(second, 'main')).toContain('This audit has been moderated');
    expect(await second.inputValue('#comment')).toBe(comment);
    await checkPage(second, 'drafts-moderation-second-tab');
    await checkReflow(second, 'drafts-moderation-second-tab');

    const team = await newTeam(site.t.db, { name: 'North Drafts', cohortCode: 'CP' });
    await newUser(site.t.db, {
      username: 'hos.drafts',
      role: Role.HeadOfService,
      localityId: team.localityId!,
    });
    const unsafe = await newAudit(ctx, {
      state: 'inProgress',
      case: await newCase(site.t.db, { teamId: team.id }),
    });
    const escalation = await site.t.app
      .get(EscalationsService)
      .raise(unsafe.id, 'No visit for eight weeks on a child protection plan.', unsafe.auditor!);
    const hos = await newPage(site);
    await signIn(hos, 'hos.drafts');
    await hos.goto(`/escalations/${escalation.id}`);
    const response = `${longAnswer('Done')} ${'x'.repeat(5000)}`;
    await hos.getByLabel('Your response').fill(response);
    await hos.getByRole('button', { name: 'Acknowledge escalation' }).click();
    expect(await summary(hos)).toContain('Your response must be 5,000 characters or fewer');
    expect(await hos.inputValue('#response')).toBe(response);
    await checkPage(hos, 'drafts-acknowledgement-refused');
    await checkReflow(hos, 'drafts-acknowledgement-refused');
  });
});
