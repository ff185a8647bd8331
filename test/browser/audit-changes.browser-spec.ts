import { AuditsService } from '../../libs/audits/audits.service.js';
import { Audit } from '../../libs/audits/audit.entity.js';
import { WorkflowRunner } from '../../libs/persistence/workflow-runner.service.js';
import { auditMachine } from '../../workflows/audit.machine.js';
import { FACTORY_ACTOR, newActor, newAudit, type TestContext } from '../support/factories.js';
import { Role } from '../support/test-app.js';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  checkPage,
  SCREENSHOTS,
  describeInBrowser,
  newPage,
  signIn,
  startSite,
  type Site,
} from './support/browser.js';

/**
 * WCAG 1.4.10 at 320 px for what this page gained here (the change note, the earlier words, the
 * history, the refusal's error summary): none of it is wider than the screen. The whole page's
 * checkReflow waits on the grades table, which the reflow work (issue 12, point 3) makes stack.
 */
async function fitsNarrowScreen(page: Page, name: string, selector: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 900 });
  try {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-320.png`), fullPage: true });
    const tooWide = await page.evaluate((css) => {
      // The DOM's types are not in this Node project's lib; the shape used is declared here.
      type Box = { getBoundingClientRect: () => { right: number }; className: string };
      const doc = (
        globalThis as unknown as {
          document: { documentElement: { clientWidth: number }; querySelectorAll: (s: string) => Box[] };
        }
      ).document;
      const width = doc.documentElement.clientWidth;
      return [...doc.querySelectorAll(css)]
        .filter((e) => e.getBoundingClientRect().right > width + 0.5)
        .map((e) => e.className);
    }, selector);
    expect({ page: name, tooWide }).toEqual({ page: name, tooWide: [] });
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}

const FIRST = { from: 'The child', how: 'A home visit', said: 'My social worker listens to me.' };

/** A finished audit's family feedback, changed late: the change and the earlier words stay in sight. */
describeInBrowser('feedback changed after an audit is completed, in Chromium', () => {
  let site: Site;
  let ctx: TestContext;

  beforeAll(async () => {
    site = await startSite('audit-changes');
    ctx = { db: site.t.db, app: site.t.app };
  });

  afterAll(async () => {
    await site?.close();
  });

  it('the auditor changes the feedback; the audit says who changed it and when, with the earlier words', async () => {
    const auditor = await newActor(site.t.db, { role: Role.AdvancedPractitioner, username: 'ava.auditor' });
    const made = await newAudit(ctx, { state: 'completed', auditor });
    const { version } = await site.t.db.read((m) => m.findOneByOrFail(Audit, { id: made.id }));
    await site.t.app.get(AuditsService).recordFamilyFeedback(made.id, FIRST, version, auditor);

    const page = await newPage(site);
    await signIn(page, 'ava.auditor');
    await page.goto(`/audits/${made.id}`);
    await page.locator('#feedback-link').click();
    await page.getByLabel('Who gave the feedback').fill('The mother');
    await page.getByLabel('What they said').fill('Things are better at home now.');
    await page.getByRole('button', { name: 'Save the feedback' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(`/audits/${made.id}`);

    const note = page.locator('.app-part-change').first();
    await expect(note.textContent()).resolves.toMatch(/^Feedback changed on .+ by ava\.auditor/);
    await page.getByText('What it said before this change').first().click();
    await expect(page.getByText(FIRST.said).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('Things are better at home now.').first().isVisible()).resolves.toBe(true);
    await expect(
      page.locator('.moj-timeline__title', { hasText: 'Feedback from the child or family changed' }).count(),
    ).resolves.toBe(1);
    await checkPage(page, 'audit-feedback-changed');
    await fitsNarrowScreen(page, 'audit-feedback-changed', '.app-part-change, .govuk-details, .moj-timeline');
  });

  it('a change the state no longer allows is refused on the audit with a GOV.UK error, and nothing changes', async () => {
    const auditor = await newActor(site.t.db, { role: Role.AdvancedPractitioner, username: 'cal.closing' });
    const made = await newAudit(ctx, { state: 'completed', auditor });
    const page = await newPage(site);
    await signIn(page, 'cal.closing');
    await page.goto(`/audits/${made.id}/feedback`);
    await page.getByLabel('Who gave the feedback').fill('The child');
    await page.getByLabel('How it was given').fill('A letter');
    await page.getByLabel('What they said').fill('I want to stay with my foster carer.');
    // Meanwhile every action of the audit is done and it closes: the form is now out of date.
    await site.t.db.transaction(async (m) =>
      site.t.app.get(WorkflowRunner).send(m, {
        machine: auditMachine,
        entity: Audit,
        entityType: 'audit',
        record: await m.findOneByOrFail(Audit, { id: made.id }),
        event: { type: 'CLOSE', openActions: 0 },
        actor: FACTORY_ACTOR,
      }),
    );
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save the feedback' }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(response.status()).toBe(409);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(
      'Nothing was saved: this cannot be done while the audit is “Closed”',
    );
    // What they typed is shown back: the child's words are not lost with the refusal.
    await expect(page.locator('#unsaved + p + .govuk-summary-list').textContent()).resolves.toContain(
      'I want to stay with my foster carer.',
    );
    const stored = await site.t.db.read((m) => m.findOneByOrFail(Audit, { id: made.id }));
    expect(stored.familyFeedback).toBeNull();
    await checkPage(page, 'audit-change-refused');
    await fitsNarrowScreen(page, 'audit-change-refused', '.govuk-error-summary, .moj-timeline');
  });
});
