import type { Page } from 'playwright-core';
import { appliesTo } from '../../workflows/audit-tool-definition.js';
import { DEFAULT_AUDIT_TOOL } from '../support/default-audit-tool.js';
import { type FactoryAudit, newActor, newAudit } from '../support/factories.js';
import { newUser, Role, TEST_PASSWORD } from '../support/test-app.js';
import type { AuthenticatedUser } from '../../libs/auth/authenticated-user.js';
import {
  describeInBrowser,
  checkPage,
  focusedId,
  newPage,
  signIn,
  startSite,
  type Site,
} from './support/browser.js';

const toolFor = (cohort: string) => ({
  domains: DEFAULT_AUDIT_TOOL.domains.filter((d) => appliesTo(d, cohort)),
  compliance: DEFAULT_AUDIT_TOOL.compliance.filter((i) => appliesTo(i, cohort)),
});

/** A whole audit through a real browser, axe on each page: longer than the default minute on 2 shared cores. */
const JOURNEY_MS = 240_000;

const h1 = async (page: Page) => (await page.locator('h1').textContent())?.trim();

describeInBrowser('a team manager audits a case, in Chromium', () => {
  let site: Site;
  let auditor: AuthenticatedUser;

  beforeAll(async () => {
    site = await startSite('team-manager');
    auditor = await newActor(site.t.db, { role: Role.TeamManager, displayName: 'Tess Manager' });
    await newUser(site.t.db, { role: Role.Director });
    await newUser(site.t.db, { role: Role.Moderator });
  });

  afterAll(async () => {
    await site?.close();
  });

  const allocated = () => newAudit(site.t, { auditor, state: 'allocated' });

  /** The In moderation section of My audits. */
  const inModeration = async (page: Page) =>
    (await page.locator('section[aria-labelledby="inModeration"]').textContent()) ?? '';

  it(
    'goes from My audits through grading, an escalation, the discussion and feedback to submission',
    async () => {
      const made: FactoryAudit = await allocated();
      // The action's owner is offered from the case's team.
      await newUser(site.t.db, {
        role: Role.SocialWorker,
        displayName: 'Sam Worker',
        teamId: made.case.teamId,
      });
      const tool = toolFor(made.case.cohortCode);
      const page = await newPage(site);
      await signIn(page, auditor.username);
      expect(await h1(page)).toBe('My audits');
      await checkPage(page, 'tm-my-audits');

      await page.getByRole('link', { name: made.case.caseRef }).click();
      expect(await h1(page)).toBe(`Audit of case ${made.case.caseRef}`);
      await checkPage(page, 'tm-audit-to-start');
      await page.getByRole('button', { name: 'Start the audit' }).click();
      expect(await h1(page)).toBe('Grade the case');
      await checkPage(page, 'tm-grading');

      const [first, ...rest] = tool.domains;
      await page.check(`#grade-${first.key}-4`); // inadequate
      await page.getByRole('button', { name: 'Save draft' }).click();
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
        'Your draft has been saved',
      );
      expect(await page.isChecked(`#grade-${first.key}-4`)).toBe(true);
      await checkPage(page, 'tm-grading-saved');

      await page.getByRole('button', { name: 'Save and finish grading' }).click();
      const summary = page.locator('.govuk-error-summary');
      expect(await summary.textContent()).toContain('give the evidence');
      await checkPage(page, 'tm-grading-refused');
      await summary.getByRole('link', { name: /give the evidence/ }).click();
      expect(await focusedId(page)).toBe(`evidence-${first.key}`);

      await page.getByRole('link', { name: 'Back to the audit' }).click();
      await page.getByRole('link', { name: /Flag unsafe practice/ }).click();
      expect(await h1(page)).toBe('Flag unsafe practice');
      await checkPage(page, 'tm-escalation');
      await page.getByRole('button', { name: 'Flag unsafe practice' }).click();
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter what is unsafe');
      await checkPage(page, 'tm-escalation-refused');
      await page
        .getByLabel('What is unsafe and needs action now?')
        .fill('No visits for ten weeks and no plan.');
      await page.getByRole('button', { name: 'Flag unsafe practice' }).click();
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
        'Unsafe practice flagged',
      );
      await checkPage(page, 'tm-audit-flagged');

      await page.getByRole('link', { name: 'Grade the case' }).click();
      await page.fill(`#evidence-${first.key}`, 'No plan on file since March.');
      for (const domain of rest) await page.check(`#grade-${domain.key}-2`); // good
      for (const item of tool.compliance) await page.check(`#compliance-${item.key}`); // met
      await page.check('#improved-2'); // no
      await page.check('#overall-grade-3'); // requires improvement
      await page.fill('#overall-rationale', 'Planning has drifted; the rest is good.');
      await page.fill('#action-0-what', 'Write a plan with the family');
      await page.fill('#action-0-why', 'No plan on file since March');
      await page.selectOption('#action-0-ownerId', { index: 1 });
      await page.fill('#action-0-successMeasure', 'A plan with timescales at the next review');
      await page.fill('#action-0-dueOn-day', '31');
      await page.fill('#action-0-dueOn-month', '1');
      await page.fill('#action-0-dueOn-year', '2027');
      await page.getByRole('button', { name: 'Save and finish grading' }).click();
      expect(await h1(page)).toBe(`Audit of case ${made.case.caseRef}`);
      expect(await page.locator('.govuk-tag').first().textContent()).toContain('Waiting for discussion');
      await checkPage(page, 'tm-audit-graded');

      await page.getByRole('link', { name: 'Record the discussion with the social worker' }).click();
      await page.getByRole('button', { name: 'Save the discussion' }).click();
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(
        'Select yes if you discussed',
      );
      await checkPage(page, 'tm-discussion-refused');
      await page.check('#happened');
      await page.fill('#heldOn-day', '15');
      await page.fill('#heldOn-month', '12');
      await page.fill('#heldOn-year', '2026');
      await page.fill('#summary', 'Went through the plan and the visits.');
      await page.check('#agreement-2'); // partly
      await page.getByRole('button', { name: 'Save the discussion' }).click();
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(
        'Note what the social worker disagrees with',
      );
      await checkPage(page, 'tm-discussion-refused-disagreement');
      await page.fill('#disagreement', 'Thinks the planning grade is harsh.');
      await page.getByRole('button', { name: 'Save the discussion' }).click();
      expect(await h1(page)).toBe(`Audit of case ${made.case.caseRef}`);

      await page.getByRole('link', { name: 'Feedback from the child or family' }).click();
      await checkPage(page, 'tm-feedback');
      await page.fill('#from', 'Mother');
      await page.fill('#how', 'Telephone call');
      await page.fill('#said', 'The new worker listens.');
      await page.getByRole('button', { name: 'Save the feedback' }).click();

      await page.getByRole('link', { name: 'Check your answers and submit' }).click();
      expect(await h1(page)).toBe('Check your answers before submitting the audit');
      await checkPage(page, 'tm-check');
      await page.getByRole('button', { name: 'Submit the audit' }).click();
      expect(await page.locator('.govuk-panel__title').textContent()).toContain('Audit submitted');
      await checkPage(page, 'tm-submitted');

      await page.getByRole('link', { name: 'Go to my audits' }).click();
      expect(await inModeration(page)).toContain(made.case.caseRef);
      await checkPage(page, 'tm-my-audits-after');
      await page.getByRole('link', { name: made.case.caseRef }).click();
      expect(await page.locator('.moj-timeline').textContent()).toContain('Submitted');
      await checkPage(page, 'tm-audit-submitted');
    },
    JOURNEY_MS,
  );

  /** Tab (or Shift+Tab) until the element with this id, or whose text is `name`, has the focus. */
  async function tabTo(page: Page, target: { id?: string; name?: string }, back = false): Promise<void> {
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      const here = await page.evaluate(() => {
        const el = (
          globalThis as unknown as {
            document: { activeElement: { id: string; textContent: string | null } | null };
          }
        ).document.activeElement;
        return { id: el?.id ?? '', text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim() };
      });
      if ((target.id && here.id === target.id) || (target.name && here.text === target.name)) return;
    }
    throw new Error(`never reached ${JSON.stringify(target)} by keyboard`);
  }

  async function enter(page: Page): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  }

  async function typeInto(page: Page, id: string, text: string): Promise<void> {
    await tabTo(page, { id });
    await page.keyboard.type(text);
  }

  async function choose(page: Page, id: string): Promise<void> {
    await tabTo(page, { id });
    await page.keyboard.press('Space');
  }

  it(
    'does the same journey with the keyboard alone',
    async () => {
      const made = await allocated();
      const tool = toolFor(made.case.cohortCode);
      const page = await newPage(site);
      await page.goto('/login');
      await typeInto(page, 'username', auditor.username);
      await typeInto(page, 'password', TEST_PASSWORD);
      await enter(page);
      expect(await h1(page)).toBe('My audits');
      await checkPage(page, 'tm-keyboard-my-audits');

      await tabTo(page, { name: made.case.caseRef });
      await enter(page);
      await tabTo(page, { id: 'start' });
      await enter(page);
      expect(await h1(page)).toBe('Grade the case');

      // A draft with one grade, saved with Enter on "Save draft".
      await choose(page, `grade-${tool.domains[0].key}`);
      await tabTo(page, { id: 'save' });
      await enter(page);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
        'Your draft has been saved',
      );
      await checkPage(page, 'tm-keyboard-grading-saved');

      // Flag unsafe practice from the audit's task list.
      await tabTo(page, { name: 'Back to the audit' }, true);
      await enter(page);
      await tabTo(page, { name: 'Flag unsafe practice (if you found any)' });
      await enter(page);
      await typeInto(page, 'reason', 'Child not seen alone for three months.');
      await tabTo(page, { id: 'flag' });
      await enter(page);
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
        'Unsafe practice flagged',
      );

      // Every grade outstanding (the first radio of each group), then finish grading.
      await tabTo(page, { name: 'Grade the case' });
      await enter(page);
      for (const domain of tool.domains.slice(1)) await choose(page, `grade-${domain.key}`);
      for (const item of tool.compliance) await choose(page, `compliance-${item.key}`);
      await choose(page, 'improved');
      await choose(page, 'overall-grade');
      await typeInto(page, 'overall-rationale', 'Consistently strong practice.');
      await tabTo(page, { id: 'finish' });
      await enter(page);
      expect(await page.locator('.govuk-tag').first().textContent()).toContain('Waiting for discussion');
      await checkPage(page, 'tm-keyboard-graded');

      // The discussion: a refusal first, then the record.
      await tabTo(page, { name: 'Record the discussion with the social worker' });
      await enter(page);
      await tabTo(page, { id: 'save-discussion' });
      await enter(page);
      expect(await page.title()).toMatch(/^Error: /);
      await checkPage(page, 'tm-keyboard-discussion-refused');
      await choose(page, 'happened');
      await typeInto(page, 'heldOn-day', '15');
      await typeInto(page, 'heldOn-month', '12');
      await typeInto(page, 'heldOn-year', '2026');
      await typeInto(page, 'summary', 'Went through the findings.');
      await choose(page, 'agreement');
      await tabTo(page, { id: 'save-discussion' });
      await enter(page);
      expect(await h1(page)).toBe(`Audit of case ${made.case.caseRef}`);

      await tabTo(page, { name: 'Feedback from the child or family' });
      await enter(page);
      await typeInto(page, 'from', 'Foster carer');
      await typeInto(page, 'how', 'Home visit');
      await typeInto(page, 'said', 'Settled and happy at school.');
      await tabTo(page, { id: 'save-feedback' });
      await enter(page);

      await tabTo(page, { name: 'Check your answers and submit' });
      await enter(page);
      expect(await h1(page)).toBe('Check your answers before submitting the audit');
      await tabTo(page, { id: 'submit' });
      await enter(page);
      expect(await page.locator('.govuk-panel__title').textContent()).toContain('Audit submitted');
      await checkPage(page, 'tm-keyboard-submitted');

      await tabTo(page, { name: 'Go to my audits' });
      await enter(page);
      expect(await inModeration(page)).toContain(made.case.caseRef);
    },
    JOURNEY_MS,
  );
});
