import type { Page } from 'playwright-core';
import { PlanItemsService } from '../../libs/actions/index.js';
import { WorkflowRunner } from '../../libs/persistence/index.js';
import { AuditToolsService } from '../../libs/audit-tools/index.js';
import { AuditsService } from '../../libs/audits/audits.service.js';
import { EscalationsService } from '../../libs/audits/escalations.service.js';
import { CasesImportService } from '../../libs/cases/cases-import.service.js';
import { CycleReadsService } from '../../libs/cycles/cycle-reads.service.js';
import { CyclesService } from '../../libs/cycles/cycles.service.js';
import { DEMO_PASSWORD, DemoService } from '../../libs/demo/index.js';
import { demoRegisterCsv } from '../../libs/demo/demo-register.js';
import { listUsers } from '../../libs/org/index.js';
import { newAction } from '../support/action-fixtures.js';
import {
  checkPage,
  checkReflow,
  describeInBrowser,
  newPage,
  signIn,
  wordProblems,
  startSite,
  type Site,
} from './support/browser.js';
import { addressesFor, type IdsByCollection, pageRoutes, realIds } from './support/site-routes.js';

/**
 * One person in each role's shoes, on the demo council (README's demo logins). "auditor" stands
 * for the demo's busiest auditor, found once the demo is loaded: the one whose audits are at
 * most stages, so the grading, discussion and check pages are walked too.
 */
const WALKERS = [
  'admin',
  'director',
  'hos.north',
  'tm.north-cin-1',
  'auditor',
  'moderator',
  'sw1.north-cin-1',
];

/** A page that needs a query to be a page: the cycle preview, for next month (this one is open). */
const QUERIES: Record<string, string> = { '/admin/cycles/preview': '?month=2027-01' };

/** Sign-in is the one page for no one signed in; every other page sends them to it. */
const SIGNED_OUT_ONLY = ['/login'];

/**
 * What scrolls sideways: the page itself never may; at 1280 px not even a region inside it (a
 * laptop shows every column; the oversight list once hid its grades so). Names the widest
 * elements that stick out, so a failure says where to look.
 */
function sidewaysScroll(page: Page, regionsToo: boolean): Promise<string[]> {
  return page.evaluate((regions) => {
    interface El {
      scrollWidth: number;
      clientWidth: number;
      className: string;
      tagName: string;
      children: ArrayLike<El>;
      getBoundingClientRect(): { right: number };
    }
    const g = globalThis as unknown as {
      innerWidth: number;
      getComputedStyle(el: El): { overflowX: string };
      document: { documentElement: El; body: El; querySelectorAll(s: string): ArrayLike<El> };
    };
    const name = (el: El) =>
      `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''}`;
    const found: string[] = [];
    const root = g.document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      const sticking = Array.from(g.document.querySelectorAll('body *')).filter(
        (el) =>
          el.getBoundingClientRect().right > g.innerWidth + 1 &&
          !Array.from(el.children).some((c) => c.getBoundingClientRect().right > g.innerWidth + 1),
      );
      found.push(
        `the page by ${root.scrollWidth - root.clientWidth}px at ${sticking.slice(0, 3).map(name).join(', ')}`,
      );
    }
    if (regions) {
      for (const el of Array.from(g.document.querySelectorAll('body *'))) {
        const overflow = g.getComputedStyle(el).overflowX;
        if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1)
          found.push(`${name(el)} scrolls by ${el.scrollWidth - el.clientWidth}px`);
      }
    }
    return found;
  }, regionsToo);
}

async function visit(page: Page, address: string, name: string, problems: string[]): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(address);
  for (const check of [
    () => checkPage(page, name),
    async () => expect({ at1280: await sidewaysScroll(page, true) }).toEqual({ at1280: [] }),
    async () => {
      await page.setViewportSize({ width: 320, height: 900 });
      expect({ at320: await sidewaysScroll(page, false) }).toEqual({ at320: [] });
    },
    () => checkReflow(page, name),
  ]) {
    try {
      await check();
    } catch (error) {
      problems.push(`${address} (${name}): ${(error as Error).message.split('\n').slice(0, 12).join(' ')}`);
    }
  }
}

/**
 * The first of a route's addresses that this person may open as a page: HTML, no redirect, 200
 * or a form's 422 (a GET form such as the cycle preview answers its empty query with its errors).
 */
async function firstPage(page: Page, addresses: string[]): Promise<string | undefined> {
  for (const address of addresses) {
    const response = await page.request.get(address, { maxRedirects: 0 });
    if (
      [200, 422].includes(response.status()) &&
      (response.headers()['content-type'] ?? '').includes('text/html')
    )
      return address;
  }
  return undefined;
}

describeInBrowser('every page, for every role, at 320 px and 1280 px', () => {
  let site: Site;
  let routes: string[];
  let ids: IdsByCollection;
  const plan = new Map<string, { route: string; address: string }[]>();
  const usernames = new Map<string, string>();

  beforeAll(async () => {
    site = await startSite('every-page');
    await loadDemo(site);
    await raiseEscalations(site);
    await raiseActions(site);
    usernames.set('auditor', await busiestAuditor(site));
    const login = (walker: string) => usernames.get(walker) ?? walker;
    routes = pageRoutes(site.t.app);
    ids = await realIds(site.t.db, WALKERS.map(login));
    ids['audit-tools'].push(await draftTool(site));
    ids.imports = [await uploadRegister(site)];
    // Which address of each route each person may open, found first (tests run in any order).
    for (const username of WALKERS) {
      const page = await newPage(site);
      await signIn(page, login(username), DEMO_PASSWORD);
      const found: { route: string; address: string }[] = [];
      for (const route of routes.filter((r) => !SIGNED_OUT_ONLY.includes(r))) {
        const address = await firstPage(
          page,
          addressesFor(route, ids).map((a) => a + (QUERIES[route] ?? '')),
        );
        if (address) found.push({ route, address });
      }
      plan.set(username, found);
      await page.context().close();
    }
  }, 600_000);

  afterAll(async () => {
    await site?.close();
  });

  it('finds the pages from the router, ids and all', () => {
    expect(routes).toEqual(
      expect.arrayContaining(['/audits', '/oversight', '/admin/cycles/:id', '/escalations']),
    );
    for (const route of routes) expect(addressesFor(route, ids).length).toBeGreaterThan(0);
  });

  it('signed out, the sign-in page fits and reads well', async () => {
    const page = await newPage(site);
    const problems: string[] = [];
    for (const address of SIGNED_OUT_ONLY)
      await visit(page, address, `walk-signed-out${address.replaceAll('/', '-')}`, problems);
    expect(problems).toEqual([]);
  });

  it.each(WALKERS)(
    'as %s, every page it may open',
    async (username) => {
      const page = await newPage(site);
      await signIn(page, usernames.get(username) ?? username, DEMO_PASSWORD);
      const problems: string[] = [];
      for (const { route, address } of plan.get(username)!) {
        await visit(page, address, `walk-${username}${route.replace(/[/:]+/g, '-')}`, problems);
      }
      expect(problems).toEqual([]);
    },
    600_000,
  );

  it.each(WALKERS)(
    'as %s, every form sent empty says each problem once, beside its field',
    async (username) => {
      const page = await newPage(site);
      await signIn(page, usernames.get(username) ?? username, DEMO_PASSWORD);
      const problems: string[] = [];
      for (const { route, address } of plan.get(username)!) {
        await page.goto(address);
        // Only forms that ask for words: an empty one is refused, never acted on (a confirm
        // button alone, such as "Close the cycle", would act, so it is left alone).
        // A form folded away in a closed details (the action page's) is one a person opens first:
        // the walk takes the first form on show.
        const words = 'textarea:visible, input[type="text"]:visible, input:not([type]):visible';
        const form = page.locator('main form[method="post" i]', { has: page.locator(words) });
        if ((await form.count()) === 0) continue;
        const first = form.first();
        for (const field of await first.locator(words).all()) {
          if (await field.isEditable()) await field.fill('');
        }
        // The form's main button (a hidden default button, or "Move up", is not what a person presses).
        const buttons = first.locator('button[type="submit"]:visible, button:not([type]):visible');
        const primary = buttons.locator(':scope:not(.govuk-button--secondary):not(.govuk-button--warning)');
        await ((await primary.count()) ? primary : buttons).first().click();
        await page.waitForLoadState('load');
        const name = `walk-${username}${route.replace(/[/:]+/g, '-')}-empty`;
        try {
          await checkPage(page, name);
        } catch (error) {
          problems.push(
            `${address} sent empty: ${(error as Error).message.split('\n').slice(0, 12).join(' ')}`,
          );
        }
      }
      expect(problems).toEqual([]);
    },
    600_000,
  );

  it('the word scan finds raw codes, old dates and errors said twice', async () => {
    const page = await newPage(site);
    await page.setContent(`<main>
      <p>Role: Iro</p><table><tr><td>CL</td><td>East CLA</td><td>inModeration</td><td>requires_improvement</td></tr></table>
      <p>Published 1 January 1970</p><pre>voice_of_child</pre>
      <div class="govuk-error-summary"><ul class="govuk-error-summary__list">
        <li><a href="#why">Enter why</a></li><li><a href="#why">Enter why</a></li></ul></div>
      <div class="govuk-form-group"><p class="govuk-error-message">One</p><p class="govuk-error-message">Two</p></div>
    </main>`);
    const problems = await wordProblems(page);
    expect(problems).toEqual([
      'raw code "Iro" in "Role: Iro"',
      'raw code "CL" in "CL"',
      'raw code "inModeration" in "inModeration"',
      'raw code "requires_improvement" in "requires_improvement"',
      'a date before 2000 "1 January 1970" in "Published 1 January 1970"',
      'the error summary says "Enter why" twice or twice for #why',
      'the error summary says "Enter why" twice or twice for #why',
      '2 error messages for one field: "OneTwo"',
    ]);
  });

  it('the oversight filter folds away behind "Show filter" on a phone, and shows beside the list on a laptop', async () => {
    const page = await newPage(site);
    await signIn(page, 'director', DEMO_PASSWORD);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/oversight');
    const filter = page.locator('.moj-filter');
    const show = page.getByRole('button', { name: 'Show filter' });
    await expect(filter.isVisible()).resolves.toBe(false);
    await show.click();
    await expect(filter.isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(filter.isVisible()).resolves.toBe(false);
    await show.click();
    await page.getByLabel('State').selectOption({ label: 'Not started' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.locator('.moj-filter__selected').textContent()).resolves.toContain('Not started');
    await expect(page.locator('.govuk-tag').first().textContent()).resolves.toContain('Not started');
    await checkReflow(page, 'walk-oversight-filtered-phone');

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload();
    await expect(filter.isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Hide filter' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('columnheader', { name: 'Overall grade' }).isVisible()).resolves.toBe(true);
    await expect(sidewaysScroll(page, true)).resolves.toEqual([]);
    await checkPage(page, 'walk-oversight-filtered-laptop');
  });

  it('without scripts the oversight filter is on the page and works', async () => {
    const page = await newPage(site, { javaScript: false });
    await signIn(page, 'director', DEMO_PASSWORD);
    await page.setViewportSize({ width: 320, height: 900 });
    await page.goto('/oversight');
    await expect(page.locator('.moj-filter').isVisible()).resolves.toBe(true);
    await page.getByLabel('Cohort').selectOption('CL');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.locator('.moj-filter__selected').textContent()).resolves.toContain('Care leavers');
    await checkReflow(page, 'walk-oversight-no-js');
  });

  it('opened every page for someone (a page no role can open needs ids or a walker)', () => {
    // Routes that only ever redirect are not pages: the start page sends each role to its own.
    const redirectsOnly = ['/'];
    const opened = new Set([...plan.values()].flat().map((p) => p.route));
    const never = routes.filter(
      (r) => !opened.has(r) && !redirectsOnly.includes(r) && !SIGNED_OUT_ONLY.includes(r),
    );
    expect(never).toEqual([]);
  });
});

/** The demo council (the CLI's `demo`), built from the running app's services. */
async function loadDemo(site: Site): Promise<void> {
  const get = <T>(type: new (...args: never[]) => T) => site.t.app.get(type);
  const demo = new DemoService(
    site.t.db,
    get(CasesImportService),
    get(CyclesService),
    get(CycleReadsService),
    get(AuditsService),
    get(AuditToolsService),
    site.t.clock,
    get(PlanItemsService),
    get(WorkflowRunner),
  );
  await demo.load({ ifEmpty: false });
}

/**
 * The auditor with the most audits in progress (the demo's drafts), one of which is taken on to
 * "waiting for discussion", so that every stage of an auditor's work has a page to walk.
 */
async function busiestAuditor(site: Site): Promise<string> {
  const db = site.t.db;
  const [busiest] = (await db.dataSource.query(
    `SELECT u.username AS username, SUM(CASE WHEN a.state = 'inProgress' THEN 1 ELSE 0 END) AS drafts,
            COUNT(DISTINCT a.state) AS states
     FROM audits a JOIN users u ON u.id = a.auditor_id
     GROUP BY u.username ORDER BY drafts DESC, states DESC, u.username LIMIT 1`,
  )) as { username: string }[];
  const user = (await db.read((m) => listUsers(m))).find((u) => u.username === busiest.username)!;
  const mine = (state: string) =>
    db.dataSource.query(
      `SELECT id, version FROM audits WHERE auditor_id = ? AND state = ? ORDER BY id DESC`,
      [user.id, state],
    ) as Promise<{ id: number; version: number }[]>;
  const audits = site.t.app.get(AuditsService);
  const [draft] = await mine('inProgress');
  if (draft) await audits.finishGrading(draft.id, draft.version, user);
  // One begun afresh, so there is still a grading page to walk.
  const [notStarted] = await mine('allocated');
  if (notStarted) await audits.start(notStarted.id, user);
  return busiest.username;
}

/** A draft of the next version of the standard tool, for the tool editor's page. */
async function draftTool(site: Site): Promise<string> {
  const tools = site.t.app.get(AuditToolsService);
  const published = await site.t.db.read((m) => tools.currentPublishedId(m));
  const draft = await tools.createDraft(
    { key: 'standard', title: 'Case audit toolkit', fromToolId: published },
    { id: null, label: 'site walk' },
  );
  return String(draft.id);
}

/**
 * The register import's page exists only for an upload in hand (the job is the administrator's,
 * in memory): upload the demo register, with one row that is refused, as a full register.
 */
async function uploadRegister(site: Site): Promise<string> {
  const page = await newPage(site);
  await signIn(page, 'admin', DEMO_PASSWORD);
  await page.goto('/admin/register');
  const csv = `${demoRegisterCsv(site.t.clock.today())}\nBAD-ROW,,,,,,,,\n`;
  await page.locator('input[type="file"]').setInputFiles({
    name: 'register.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.locator('#full').check();
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await page.waitForURL(/\/admin\/register\/imports\/[^/]+$/);
  const id = new URL(page.url()).pathname.split('/').pop()!;
  await page.context().close();
  return id;
}

/** Escalations to walk: the demo has none, so two auditors flag unsafe practice, one is acknowledged. */
async function raiseEscalations(site: Site): Promise<void> {
  const db = site.t.db;
  const users = await db.read((m) => listUsers(m));
  const rows = (await db.dataSource.query(
    `SELECT a.id AS id, u.username AS username FROM audits a JOIN users u ON u.id = a.auditor_id
     WHERE a.state = 'inProgress' ORDER BY a.id LIMIT 2`,
  )) as { id: number; username: string }[];
  const escalations = site.t.app.get(EscalationsService);
  const raised = [];
  for (const row of rows) {
    const user = users.find((u) => u.username === row.username)!;
    raised.push(
      await escalations.raise(row.id, 'The child was left alone overnight; no strategy meeting.', user),
    );
  }
  const director = users.find((u) => u.username === 'director')!;
  if (raised[0])
    await escalations.acknowledge(raised[0].id, 'Strategy meeting booked for tomorrow.', director);
}

/**
 * Actions to walk (issue 13), unless the demo raised some: on a North CIN 1 audit, one overdue in
 * progress and one done for the social worker, one due soon for the team manager.
 */
async function raiseActions(site: Site): Promise<void> {
  const db = site.t.db;
  const [{ n }] = (await db.dataSource.query('SELECT COUNT(*) AS n FROM actions')) as { n: number }[];
  if (Number(n) > 0) return;
  const users = await db.read((m) => listUsers(m));
  const sw = users.find((u) => u.username === 'sw1.north-cin-1')!;
  const tm = users.find((u) => u.username === 'tm.north-cin-1')!;
  const hos = users.find((u) => u.username === 'hos.north')!;
  const [audit] = (await db.dataSource.query('SELECT id FROM audits WHERE team_id = ? ORDER BY id LIMIT 1', [
    sw.teamId,
  ])) as { id: number }[];
  const ctx = { db, app: site.t.app };
  const base = { auditId: audit.id, teamId: sw.teamId!, raisedBy: hos.id };
  const today = site.t.clock.today();
  const day = (offset: number) =>
    new Date(Date.parse(`${today}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  await newAction(ctx, { ...base, ownerId: sw.id, dueOn: day(-9), state: 'inProgress' });
  await newAction(ctx, { ...base, ownerId: sw.id, dueOn: day(-2), state: 'done' });
  await newAction(ctx, { ...base, ownerId: tm.id, dueOn: day(3) });
}
