import type { Page } from 'playwright-core';
import type { AuditToolDefinition } from '../../workflows/audit-tool-definition.js';
import { AuditTool } from '../../libs/audit-tools/audit-tool.entity.js';
import { AuditToolsService } from '../../libs/audit-tools/index.js';
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

/**
 * The audit tool editor is a form, and every part of it works with scripts off: the add, move and
 * remove buttons post the form and the page comes back changed, with everything typed. axe needs
 * scripts, so the journey with every check runs with them on, and a second one with them off.
 */
describeInBrowser('the audit tool editor, in Chromium', () => {
  let site: Site;

  beforeAll(async () => {
    site = await startSite('tool-editor');
    await newUser(site.t.db, { username: 'admin.tools', displayName: 'Tom Tools', role: Role.Administrator });
  });

  afterAll(async () => {
    await site?.close();
  });

  const look = async (page: Page, name: string) => {
    await checkPage(page, name);
    await checkReflow(page, name);
  };
  const value = (page: Page, id: string) => page.locator(`#${id}`).inputValue();
  const titles = (page: Page) =>
    page.locator('input[id^="domains-"][id$="-title"]').evaluateAll((inputs) =>
      // Runs in the page: the project has no DOM types, so the element's shape is declared here.
      inputs.map((input) => (input as unknown as { value: string }).value),
    );

  it('adds, reorders and removes domains and items, names an error by its row, and publishes', async () => {
    const page = await newPage(site);
    await signIn(page, 'admin.tools');
    await page.goto('/admin/audit-tools');
    const standardTool = page.locator('table', { has: page.getByText('Tool “standard”') });
    await standardTool.getByRole('link', { name: 'Version 1' }).click();
    await page.getByRole('button', { name: 'Draft a new version from this one' }).click();
    expect(await page.locator('h1').textContent()).toContain('Edit the draft');
    const id = Number(/\/admin\/audit-tools\/(\d+)\/edit/.exec(page.url())![1]);
    const standard = await titles(page);
    expect(standard).toHaveLength(9);
    await look(page, 'tool-editor');

    // A new domain: added at the end, typed into, then moved up one place.
    await page.getByRole('button', { name: 'Add another domain' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Domain 10 added');
    expect(page.url()).toMatch(/#domains-9$/);
    await page.getByLabel('Title of domain 10').fill('Life story work');
    await page
      .getByLabel('Guidance questions for domain 10')
      .fill('Does the child have a life story book?\nIs it kept up to date?');
    await look(page, 'tool-editor-domain-added');
    await page.getByRole('button', { name: 'Move up domain 10' }).click();
    expect((await titles(page)).slice(8)).toEqual(['Life story work', standard[8]]);
    expect(await value(page, 'domains-8-guidance')).toBe(
      'Does the child have a life story book?\nIs it kept up to date?',
    );
    await look(page, 'tool-editor-domain-moved');

    // A new compliance item for two cohorts, ticked by their names.
    await page.getByRole('button', { name: 'Add another compliance item' }).click();
    const items = await page.locator('textarea[id^="items-"][id$="-question"]').count();
    const item = page.locator(`#items-${items - 1}`);
    await item.getByLabel(`Question of compliance item ${items}`).fill('The life story book is on file');
    await item.getByLabel('Children looked after').check();
    await item.getByLabel('Care leavers').check();
    await look(page, 'tool-editor-item-added');

    // The first domain removed: the others move up, with what was typed in them.
    await page.getByRole('button', { name: /^Remove\s+domain 1$/ }).click();
    expect(await titles(page)).toEqual([...standard.slice(1, 8), 'Life story work', standard[8]]);
    expect(await item.getByLabel('Care leavers').isChecked()).toBe(true);
    await look(page, 'tool-editor-domain-removed');

    // A mistake: Chronology (now domain 4) left without a title. Saved, and named by its row.
    expect(await value(page, 'domains-3-title')).toBe('Chronology');
    await page.getByLabel('Title of domain 4').fill('');
    await page.getByRole('button', { name: 'Save draft' }).click();
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.textContent()).toContain('Domain 4 (chronology): enter a title');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Fix the problems listed before you publish it',
    );
    expect(await page.title()).toMatch(/^Error: /);
    expect(await value(page, 'domains-7-title')).toBe('Life story work');
    await summary.getByRole('link', { name: 'Domain 4 (chronology): enter a title' }).click();
    expect(await focusedId(page)).toBe('domains-3-title');
    await look(page, 'tool-editor-error');

    // Fixed, and saved with the Enter key: the hidden first button saves, it never moves a row.
    await page.getByLabel('Title of domain 4').fill('Chronology of significant events');
    await page.getByLabel('Title of domain 4').press('Enter');
    await page.waitForLoadState('load');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'The draft has been saved.',
    );
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    const saved = [
      ...standard.slice(1, 4),
      'Chronology of significant events',
      ...standard.slice(5, 8),
      'Life story work',
      standard[8],
    ];
    expect(await titles(page)).toEqual(saved);
    await look(page, 'tool-editor-saved');
    await page.getByRole('link', { name: 'upload a JSON file' }).click();
    await look(page, 'tool-editor-upload');
    await page.getByRole('link', { name: 'Cancel' }).click();

    await page.getByRole('link', { name: 'Publish this draft' }).click();
    await page.getByRole('button', { name: 'Publish version 2' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('has been published');
    await look(page, 'tool-editor-published');

    // What was published, as the JSON download gives it.
    const download = await page.request.get(`/admin/audit-tools/${id}/definition.json`);
    expect(download.status()).toBe(200);
    const definition = (await download.json()) as AuditToolDefinition;
    expect(definition.domains.map((d) => d.title)).toEqual(saved);
    expect(definition.domains.map((d) => d.key)).not.toContain('voice_of_child');
    expect(definition.domains[3].key).toBe('chronology');
    expect(definition.domains[7]).toEqual({
      key: 'life_story_work',
      title: 'Life story work',
      guidance: ['Does the child have a life story book?', 'Is it kept up to date?'],
      cohorts: null,
    });
    expect(definition.compliance.at(-1)).toEqual({
      key: 'the_life_story_book_is_on_file',
      question: 'The life story book is on file',
      cohorts: ['CLA', 'CL'],
    });
  }, 300_000);

  it('adds, moves and removes rows and saves with scripts off', async () => {
    const view = await site.t.app
      .get(AuditToolsService)
      .createDraft(
        { key: 'no_scripts', title: 'No scripts', definition: { domains: [], compliance: [] } },
        { id: null, label: 'test' },
      );
    const page = await newPage(site, { javaScript: false });
    await signIn(page, 'admin.tools');
    await page.goto(`/admin/audit-tools/${view.id}/edit`);
    expect(await page.locator('body').getAttribute('class')).not.toContain('js-enabled');
    await page.getByRole('button', { name: 'Add another domain' }).click();
    await page.getByLabel('Title of domain 1').fill('Second');
    await page.getByRole('button', { name: 'Add another domain' }).click();
    await page.getByLabel('Title of domain 2').fill('First');
    await page.getByLabel('Guidance questions for domain 2').fill('Is it first?');
    await page.getByRole('button', { name: 'Add another domain' }).click();
    await page.getByLabel('Title of domain 3').fill('Gone');
    await page.getByRole('button', { name: 'Remove domain 3' }).click();
    await page.getByRole('button', { name: 'Move down domain 1' }).click();
    expect(await titles(page)).toEqual(['First', 'Second']);
    await page.getByRole('button', { name: 'Add another compliance item' }).click();
    await page.getByLabel('Question of compliance item 1').fill('Seen alone');
    await page.locator('#items-0').getByLabel('Child in need').check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'The draft has been saved.',
    );
    const saved = await site.t.db.read((m) => m.findOneByOrFail(AuditTool, { id: view.id }));
    expect(saved.definition).toEqual({
      domains: [
        { key: 'first', title: 'First', guidance: ['Is it first?'], cohorts: null },
        { key: 'second', title: 'Second', guidance: [], cohorts: null },
      ],
      compliance: [{ key: 'seen_alone', question: 'Seen alone', cohorts: ['CIN'] }],
    });
  }, 300_000);
});
