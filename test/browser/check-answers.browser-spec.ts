import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Audit } from '../../libs/audits/audit.entity.js';
import { AuditsService } from '../../libs/audits/audits.service.js';
import type { AuthenticatedUser } from '../../libs/auth/authenticated-user.js';
import { appliesTo } from '../../workflows/audit-tool-definition.js';
import { AGREED_DISCUSSION, completeDraft } from '../support/audit-fixtures.js';
import { DEFAULT_AUDIT_TOOL } from '../support/default-audit-tool.js';
import { newActor, newAudit } from '../support/factories.js';
import { Role } from '../support/test-app.js';
import {
  checkPage,
  checkReflow,
  describeInBrowser,
  newPage,
  SCREENSHOTS,
  signIn,
  startSite,
  type Site,
} from './support/browser.js';

/** Several pages through a real browser with axe on each: more than the default minute on shared cores. */
const JOURNEY_MS = 240_000;

/** Two actions, owned by people in the case's team (an action's owner is a user). */
const actionsFor = (managerId: number, workerId: number) => [
  {
    what: 'Write a plan with the family',
    why: 'There is no plan on file.',
    ownerId: managerId,
    dueOn: '2027-01-31',
    successMeasure: 'A plan signed by the family.',
  },
  {
    what: 'Update the chronology',
    why: 'The chronology stops in June.',
    ownerId: workerId,
    dueOn: '2027-02-14',
    successMeasure: 'The chronology is up to date.',
  },
];
const ACTION_COUNT = 2;

interface ChangeLink {
  href: string;
  /** The row's key: the answer the link changes ("" for a link outside the list). */
  answer: string;
  text: string;
}

/** What the field at the link's fragment asks: its own label and the legend of its fieldset. */
interface Field {
  tag: string;
  label: string;
  legend: string;
  /** The field and its question (legend or label) are both on the screen. */
  inView: boolean;
  focused: boolean;
}

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describeInBrowser('check your answers, as GOV.UK’s pattern has it, in Chromium', () => {
  let site: Site;
  let auditor: AuthenticatedUser;

  beforeAll(async () => {
    site = await startSite('check-answers');
    auditor = await newActor(site.t.db, { role: Role.TeamManager, displayName: 'Chris Auditor' });
    await newActor(site.t.db, { role: Role.Moderator });
  });

  afterAll(async () => {
    await site?.close();
  });

  /** An audit graded with two actions and its discussion recorded: ready for "Check your answers". */
  async function readyToCheck() {
    const made = await newAudit(site.t, { auditor, state: 'inProgress' });
    const audits = site.t.app.get(AuditsService);
    const version = () =>
      site.t.db.read((m) => m.findOneByOrFail(Audit, { id: made.id })).then((a) => a.version);
    const teamId = made.case.teamId;
    const manager = await newActor(site.t.db, {
      role: Role.TeamManager,
      displayName: 'Terry Manager',
      teamId,
    });
    const worker = await newActor(site.t.db, { role: Role.SocialWorker, displayName: 'Sam Worker', teamId });
    const draft = { ...completeDraft(made.case.cohortCode), actions: actionsFor(manager.id, worker.id) };
    await audits.saveDraft(made.id, draft, await version(), auditor);
    await audits.finishGrading(made.id, await version(), auditor);
    await audits.recordDiscussion(made.id, AGREED_DISCUSSION, await version(), auditor);
    const tool = {
      domains: DEFAULT_AUDIT_TOOL.domains.filter((d) => appliesTo(d, made.case.cohortCode)),
      compliance: DEFAULT_AUDIT_TOOL.compliance.filter((i) => appliesTo(i, made.case.cohortCode)),
    };
    return { ...made, tool };
  }

  const h1 = async (page: Page) => squash(await page.locator('h1').textContent());

  /** Every link on the page that opens a form and comes back here, with the answer it changes. */
  const changeLinks = (page: Page): Promise<ChangeLink[]> =>
    page.$$eval('main a[href*="returnTo=check"]', (links) =>
      links.map((a) => ({
        href: a.getAttribute('href') ?? '',
        answer: (a.closest('.govuk-summary-list__row')?.querySelector('dt')?.textContent ?? '').trim(),
        text: (a.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );

  /** The field with this id, its question, whether both are on screen, and whether it has the focus. */
  const fieldAt = (page: Page, id: string): Promise<Field | null> =>
    page.evaluate((id) => {
      // Runs in the page: the DOM's shape used here is declared by hand (the project has no DOM types).
      interface El {
        id: string;
        tagName: string;
        textContent: string | null;
        closest: (s: string) => El | null;
        querySelector: (s: string) => El | null;
        getBoundingClientRect: () => { top: number; bottom: number; height: number };
      }
      const { document: doc, innerHeight } = globalThis as unknown as {
        document: {
          getElementById: (i: string) => El | null;
          querySelector: (s: string) => El | null;
          activeElement: El | null;
        };
        innerHeight: number;
      };
      const el = doc.getElementById(id);
      if (!el) return null;
      const legend = el.closest('fieldset')?.querySelector('legend') ?? null;
      const label = doc.querySelector(`label[for="${id}"]`);
      // A pixel of slack: layout puts boxes on fractions of a pixel.
      const onScreen = (e: El) => {
        const box = e.getBoundingClientRect();
        return box.height > 0 && box.top >= -1 && box.bottom <= innerHeight + 1;
      };
      return {
        tag: el.tagName.toLowerCase(),
        label: label?.textContent ?? '',
        legend: legend?.textContent ?? '',
        inView: onScreen(el) && onScreen(legend ?? label ?? el),
        focused: doc.activeElement?.id === id,
      };
    }, id);

  it(
    'every Change link opens the form that edits its answer, at that answer’s field',
    async () => {
      const made = await readyToCheck();
      const page = await newPage(site);
      await signIn(page, auditor.username);
      await page.goto(`/audits/${made.id}/check`);
      expect(await h1(page)).toBe('Check your answers before submitting the audit');
      await checkPage(page, 'check-answers');
      await checkReflow(page, 'check-answers');

      // What each answer's field asks, for every answer the page shows.
      const asked = new Map<string, string>([
        ...made.tool.domains.map((d): [string, string] => [d.title, `Grade for ${d.title}`]),
        ...made.tool.compliance.map((i): [string, string] => [i.question, i.question]),
        ['Improved in the last three months', 'improved in the last three months'],
        ['Overall grade', 'Overall grade'],
        ['Rationale', 'Rationale for the overall grade'],
        ...Array.from({ length: ACTION_COUNT }, (_a, i): [string, string] => [
          `Action ${i + 1}`,
          `Action ${i + 1}`,
        ]),
        ['', `Action ${ACTION_COUNT + 1} (optional)`], // "Add another action"
        ['Discussion with the social worker', 'Did you discuss the findings with the social worker?'],
        ['Feedback from the child or family', 'Who gave the feedback'],
      ]);
      const links = await changeLinks(page);
      expect(links.map((l) => l.answer).sort()).toEqual([...asked.keys()].sort());

      const seenForms = new Set<string>();
      for (const link of links) {
        const target = new URL(link.href, site.baseUrl);
        const id = decodeURIComponent(target.hash.slice(1));
        await page.goto(link.href);
        // Between two links to one form only the fragment changes: the page's hashchange moves the focus.
        await page
          .waitForFunction(
            (id) =>
              (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
                .activeElement?.id === id,
            id,
            { timeout: 5_000 },
          )
          .catch(() => undefined);
        const landed = new URL(page.url());
        // The form itself, not a redirect elsewhere that keeps the fragment.
        expect({ link: link.text, path: landed.pathname }).toEqual({
          link: link.text,
          path: target.pathname,
        });
        const field = await fieldAt(page, id);
        expect({ link: link.text, id, found: field !== null }).toEqual({ link: link.text, id, found: true });
        expect(['input', 'textarea', 'select']).toContain(field!.tag);
        const question = squash(`${field!.label} | ${field!.legend}`).toLowerCase();
        expect({ link: link.text, question }).toEqual({
          link: link.text,
          question: expect.stringContaining(asked.get(link.answer)!.toLowerCase()),
        });
        expect({ link: link.text, inView: field!.inView, focused: field!.focused }).toEqual({
          link: link.text,
          inView: true,
          focused: true,
        });
        if (!seenForms.has(target.pathname)) {
          seenForms.add(target.pathname);
          const name = `check-answers-change-${target.pathname.split('/').pop()}`;
          // What the auditor sees on arriving: the question and its field at the top of the screen.
          await page.screenshot({ path: join(SCREENSHOTS, `${name}-arrived.png`) });
          await checkPage(page, name);
          await checkReflow(page, name);
        }
      }
      expect(seenForms.size).toBe(3);
    },
    JOURNEY_MS,
  );

  it(
    'a changed answer is saved, comes back to check your answers, and the discussion is recorded again',
    async () => {
      const made = await readyToCheck();
      const [first] = made.tool.domains;
      const page = await newPage(site);
      await signIn(page, auditor.username);
      await page.goto(`/audits/${made.id}/check`);

      await page.getByRole('link', { name: `Change the grade for ${first.title}` }).click();
      expect(await h1(page)).toBe('Grade the case');
      expect(await page.locator('.govuk-warning-text').textContent()).toContain('record the discussion');
      await page.check(`#grade-${first.key}-3`); // requires improvement
      // Left empty, the rationale is refused: nothing is changed and every value typed stays.
      await page.fill('#overall-rationale', '');
      await page.getByRole('button', { name: 'Save your changes' }).click();
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('rationale');
      expect(await page.isChecked(`#grade-${first.key}-3`)).toBe(true);
      await checkPage(page, 'check-answers-change-refused');
      await checkReflow(page, 'check-answers-change-refused');
      const unchanged = await site.t.db.read((m) => m.findOneByOrFail(Audit, { id: made.id }));
      expect(unchanged.draft?.domains?.[first.key]?.grade).toBe('good');

      await page.fill('#overall-rationale', 'Planning has drifted; the rest is good.');
      await page.fill('#action-1-dueOn-day', '28');
      await page.getByRole('button', { name: 'Save your changes' }).click();
      expect(new URL(page.url()).pathname).toBe(`/audits/${made.id}/check`);
      const row = page.locator('.govuk-summary-list__row', {
        has: page.locator('dt', { hasText: first.title }),
      });
      expect(squash(await row.first().locator('dd').first().textContent())).toContain('Requires improvement');
      expect(await page.locator('#proposed-actions').textContent()).toContain('28 February 2027');
      expect(await page.locator('.govuk-warning-text').textContent()).toContain(
        'Record the discussion again',
      );
      await checkPage(page, 'check-answers-after-change');
      await checkReflow(page, 'check-answers-after-change');

      await page.getByRole('link', { name: 'Record the discussion' }).click();
      expect(await h1(page)).toBe('Record the discussion with the social worker');
      expect(await page.inputValue('#summary')).toBe(AGREED_DISCUSSION.summary);
      await page.getByRole('button', { name: 'Save the discussion' }).click();
      expect(new URL(page.url()).pathname).toBe(`/audits/${made.id}/check`);
      expect(await page.locator('.govuk-warning-text').count()).toBe(0);

      await page.getByRole('button', { name: 'Submit the audit' }).click();
      expect(await page.locator('.govuk-panel__title').textContent()).toContain('Audit submitted');
    },
    JOURNEY_MS,
  );

  it(
    'lists each proposed action, its owner and due date in words, on check your answers and the audit page',
    async () => {
      const made = await readyToCheck();
      const page = await newPage(site);
      await signIn(page, auditor.username);
      for (const path of [`/audits/${made.id}/check`, `/audits/${made.id}`]) {
        await page.goto(path);
        const listed = squash(await page.locator('#proposed-actions').textContent());
        expect(listed).toContain(
          'Action 1 Write a plan with the family Why: There is no plan on file. Owned by: Terry Manager Due by: 31 January 2027',
        );
        expect(listed).toContain(
          'Action 2 Update the chronology Why: The chronology stops in June. Owned by: Sam Worker Due by: 14 February 2027',
        );
        expect(listed).not.toContain('2 actions');
      }
      await checkPage(page, 'audit-proposed-actions');
      await checkReflow(page, 'audit-proposed-actions');
    },
    JOURNEY_MS,
  );
});
