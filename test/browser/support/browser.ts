import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { migratedSqliteUrl, sqliteTemplate } from '../../support/sqlite-template.js';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestAppOptions } from '../../support/test-app.js';

/**
 * Real Chromium (Debian's, at /usr/bin/chromium) against the real app on a free port, with a
 * fresh SQLite file per test file. The flags keep Chromium off the network this machine closes.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The browser tier's describe: with no Chromium on a developer's machine it is skipped with a
 * warning (install Debian's `chromium`); with CI=true Chromium is required, as PostgreSQL is.
 */
export const describeInBrowser: jest.Describe =
  existsSync(CHROMIUM_PATH) || process.env.CI === 'true'
    ? describe
    : (() => {
        console.warn(`${CHROMIUM_PATH} is missing: the browser tests are skipped (apt-get install chromium)`);
        return describe.skip;
      })();

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** The WCAG 2.2 AA rules GOV.UK Frontend's own tests use. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Site {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close: () => Promise<void>;
}

/** The app listening on 127.0.0.1 at a free port, and one browser for the test file. */
export async function startSite(name: string, options: TestAppOptions = {}): Promise<Site> {
  await sqliteTemplate();
  const t = await startTestApp(migratedSqliteUrl(`browser-${name}`), options);
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as { port: number };
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    t,
    baseUrl: `http://127.0.0.1:${address.port}`,
    browser,
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/**
 * A fresh browser context (its own cookies) with one page; errors in the page's scripts fail the
 * test. `{ javaScript: false }` is a browser with scripts off, to prove the pages need none.
 */
export async function newPage(site: Site, options: { javaScript?: boolean } = {}): Promise<Page> {
  const context = await site.browser.newContext({
    baseURL: site.baseUrl,
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScript ?? true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    // A CSP refusal or a failing script shows here. A 4xx page itself is logged as a failed
    // load too: that one is the test's business, so failed loads are checked by response below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(message.text());
    }
  });
  page.on('response', (response) => {
    if (!response.request().isNavigationRequest() && response.status() >= 400) {
      problems.push(`${response.status()} for ${response.url()}`);
    }
  });
  (page as Page & { scriptProblems: string[] }).scriptProblems = problems;
  return page;
}

/** Errors the page's scripts or the CSP reported so far. */
export function scriptProblems(page: Page): string[] {
  return (page as Page & { scriptProblems?: string[] }).scriptProblems ?? [];
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core with the WCAG 2.2 AA tags over the whole page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (a script tag would be refused).
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    // Runs in the page: its globals are typed here by hand, the project has no DOM types.
    const inPage = globalThis as unknown as {
      document: unknown;
      axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    const result = await inPage.axe.run(inPage.document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
}

/**
 * Every page a test visits goes through this: a full-page screenshot under test-results/, then
 * axe. The assertion lists each violation and where, so a failure says what to fix.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const violations = await axeViolations(page);
  expect(
    violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
  expect(scriptProblems(page)).toEqual([]);
  expect({ page: name, wordProblems: await wordProblems(page) }).toEqual({ page: name, wordProblems: [] });
}

/**
 * Words a manager would stumble on, found in the page's text: codes shown raw (a snake_case or
 * camelCase code, a cohort code on its own, "Iro"), a date before 2000 (an empty date shown as
 * 1970), and an error summary that says one thing twice or a field with two messages. Text in
 * `code`, `pre`, `textarea`, scripts and styles is what someone typed or an example: not scanned.
 */
export async function wordProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Runs in the page; the DOM's types are not in this Node project's lib, so the shape is declared.
    interface El {
      tagName: string;
      textContent: string | null;
      parentElement: El | null;
      closest(selector: string): El | null;
      querySelectorAll(selector: string): ArrayLike<El>;
      getAttribute(name: string): string | null;
    }
    const doc = globalThis as unknown as {
      document: {
        body: El;
        createTreeWalker(
          root: El,
          show: number,
        ): { nextNode(): { textContent: string | null; parentElement: El | null } | null };
        querySelectorAll(selector: string): ArrayLike<El>;
      };
    };
    const problems: string[] = [];
    const skip = 'script, style, code, pre, textarea, noscript, template';
    const walker = doc.document.createTreeWalker(doc.document.body, 4 /* NodeFilter.SHOW_TEXT */);
    const months = 'January|February|March|April|May|June|July|August|September|October|November|December';
    const oldDate = new RegExp(`\\b(?:\\d{1,2} )?(?:${months}) (1\\d{3}|0\\d{3})\\b`);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!text || node.parentElement?.closest(skip)) continue;
      const code =
        /\b[a-z]+(?:_[a-z0-9]+)+\b/.exec(text) ??
        /\b[a-z]+[A-Z][A-Za-z]*\b/.exec(text) ??
        /\bIro\b/.exec(text) ??
        /^(?:CIN|CP|CLA|CL)(?:\s*[,/]\s*(?:CIN|CP|CLA|CL))*$/.exec(text);
      if (code) problems.push(`raw code "${code[0]}" in "${text.slice(0, 80)}"`);
      const date = oldDate.exec(text);
      if (date) problems.push(`a date before 2000 "${date[0]}" in "${text.slice(0, 80)}"`);
    }
    for (const summary of Array.from(doc.document.querySelectorAll('.govuk-error-summary'))) {
      const seen = new Set<string>();
      for (const link of Array.from(summary.querySelectorAll('.govuk-error-summary__list li'))) {
        const entry = (link.textContent ?? '').trim();
        const target = link.querySelectorAll('a')[0]?.getAttribute('href') ?? entry;
        for (const key of [`text:${entry}`, `field:${target}`]) {
          if (seen.has(key)) problems.push(`the error summary says "${entry}" twice or twice for ${target}`);
          seen.add(key);
        }
      }
    }
    const messagesPerGroup = new Map<El, number>();
    // A character count's own "You have N characters too many" turns red too (GOV.UK's design):
    // it counts, it is not a second message.
    const errorMessages = '.govuk-error-message:not(.govuk-character-count__message)';
    for (const message of Array.from(doc.document.querySelectorAll(errorMessages))) {
      const group = message.closest('.govuk-form-group');
      if (group) messagesPerGroup.set(group, (messagesPerGroup.get(group) ?? 0) + 1);
    }
    for (const [group, n] of messagesPerGroup) {
      if (n > 1)
        problems.push(
          `${n} error messages for one field: "${(group.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80)}"`,
        );
    }
    return problems;
  });
}

/**
 * WCAG 2.2 1.4.10 Reflow: at 320 CSS pixels the page itself never scrolls sideways (a wide table
 * may, inside its own region). Screenshots the narrow page beside the wide one, then puts the
 * viewport back as newPage set it.
 */
export async function checkReflow(page: Page, name: string): Promise<void> {
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 900 });
  try {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-320.png`), fullPage: true });
    const overflow = await page.evaluate(() => {
      // The DOM's types are not in this Node project's lib; the shape used is declared here.
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect({ page: name, sidewaysScrollPx: overflow }).toEqual({ page: name, sidewaysScrollPx: 0 });
  } finally {
    if (wide) await page.setViewportSize(wide);
  }
}

/** The id of the element that has the keyboard focus. */
export function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { activeElement?: { id?: string } } }).document.activeElement?.id,
  );
}

/** Signs in through the sign-in form, as a person would. */
export async function signIn(page: Page, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}
