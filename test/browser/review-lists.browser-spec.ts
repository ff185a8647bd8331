import type { Page } from 'playwright-core';
import { AuditsService } from '../../libs/audits/audits.service.js';
import { Audit } from '../../libs/audits/audit.entity.js';
import { AGREED_DISCUSSION, completeDraft } from '../support/audit-fixtures.js';
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
  newPage,
  signIn,
  startSite,
  type Site,
} from './support/browser.js';

const text = async (page: Page, selector: string) =>
  (await page.locator(selector).first().textContent()) ?? '';
const squash = (s: string) => s.replace(/\s+/g, ' ');

/** The lists each reviewing role works from: the team manager's, the moderator's and the social worker's. */
describeInBrowser('the team manager’s, moderator’s and social worker’s lists, in Chromium', () => {
  let site: Site;
  let ctx: TestContext;

  beforeAll(async () => {
    site = await startSite('review-lists');
    ctx = { db: site.t.db, app: site.t.app };
  });

  afterAll(async () => {
    await site?.close();
  });

  /** An audit graded with evidence of its own for each domain, then submitted to a moderator. */
  async function submittedWithEvidence(caseOverrides: Parameters<typeof newCase>[1] = {}) {
    // A moderator of its own: the cycle sends every submission to one.
    await newUser(site.t.db, { role: Role.Moderator });
    const auditor = await newActor(site.t.db, {
      role: Role.AdvancedPractitioner,
      displayName: 'Ada Auditor',
    });
    const made = await newAudit(ctx, {
      state: 'inProgress',
      auditor,
      case: await newCase(site.t.db, caseOverrides),
    });
    const draft = completeDraft(made.audit.cohortCode, {
      grade: 'requires_improvement',
      rationale: 'Plans lack timescales.',
    });
    for (const [key, domain] of Object.entries(draft.domains ?? {}))
      domain.evidence = `Evidence for ${key.replaceAll('_', ' ')}, line one.`;
    const audits = site.t.app.get(AuditsService);
    const version = () =>
      site.t.db.read((m) => m.findOneByOrFail(Audit, { id: made.id })).then((a) => a.version);
    await audits.saveDraft(made.id, draft, await version(), auditor);
    await audits.finishGrading(made.id, await version(), auditor);
    await audits.recordDiscussion(made.id, AGREED_DISCUSSION, await version(), auditor);
    await audits.submit(made.id, await version(), auditor);
    const audit = await site.t.db.read((m) => m.findOneByOrFail(Audit, { id: made.id }));
    return { ...made, audit, draft };
  }

  it('a team manager reads their own team’s submitted audits on "Team audits", and nothing still being graded', async () => {
    const team = await newTeam(site.t.db, { name: 'East Children in Need' });
    await newUser(site.t.db, { username: 'tm.team', role: Role.TeamManager, teamId: team.id });
    const submitted = await submittedWithEvidence({ teamId: team.id });
    const drafting = await newAudit(ctx, {
      state: 'inProgress',
      case: await newCase(site.t.db, { teamId: team.id }),
    });
    const otherTeams = await newAudit(ctx, { state: 'completed' });

    const page = await newPage(site);
    await signIn(page, 'tm.team');
    await page.getByRole('link', { name: 'Team audits' }).click();
    expect(new URL(page.url()).pathname).toBe('/team-audits');
    expect(await text(page, 'h1')).toBe('Your team’s audits');
    const table = squash(await text(page, 'table'));
    expect(table).toContain('1 audit, the newest first');
    expect(table).toContain(submitted.case.caseRef);
    expect(table).toContain('Ada Auditor');
    expect(table).toContain('In moderation');
    expect(table).toContain('Requires improvement');
    expect(table).not.toContain(drafting.case.caseRef);
    expect(table).not.toContain(otherTeams.case.caseRef);
    await checkPage(page, 'team-audits');
    await checkReflow(page, 'team-audits');

    await page.locator(`table a[href="/audits/${submitted.id}"]`).click();
    expect(new URL(page.url()).pathname).toBe(`/audits/${submitted.id}`);
    expect(await text(page, 'h1')).toContain(submitted.case.caseRef);
    expect(await text(page, 'main')).toContain('Plans lack timescales.');

    const empty = await newPage(site);
    await newUser(site.t.db, {
      username: 'tm.quiet',
      role: Role.TeamManager,
      teamId: (await newTeam(site.t.db)).id,
    });
    await signIn(empty, 'tm.quiet');
    await empty.goto('/team-audits');
    expect(await text(empty, 'main')).toContain('None of your team’s cases has a submitted audit yet');
    await checkPage(empty, 'team-audits-empty');
  });

  it('a moderator sees the auditor and their grade in the queue, the evidence beside each grade, and what they moderated', async () => {
    const made = await submittedWithEvidence();
    const moderator = await authenticated(site.t.db, made.audit.moderatorId!);
    const page = await newPage(site);
    await signIn(page, moderator.username);
    const row = squash(await text(page, `table tr:has-text("${made.case.caseRef}")`));
    expect(row).toContain('Ada Auditor');
    expect(row).toContain('Requires improvement');
    await checkPage(page, 'moderation-queue-auditor');
    await checkReflow(page, 'moderation-queue-auditor');

    await page.getByRole('link', { name: `Moderate the audit of case ${made.case.caseRef}` }).click();
    // Each judgement's hint carries the auditor's grade and the evidence for it.
    expect(squash(await text(page, '#overall-hint'))).toContain('Plans lack timescales.');
    for (const key of Object.keys(made.draft.domains ?? {})) {
      const hint = squash(await text(page, `#domain-${key}-hint`));
      expect(hint).toContain('The auditor graded this Good.');
      expect(hint).toContain(`Evidence for ${key.replaceAll('_', ' ')}, line one.`);
    }
    await checkPage(page, 'moderation-form-evidence');
    await checkReflow(page, 'moderation-form-evidence');

    for (const group of await page.locator('.govuk-radios').all())
      await group.locator('input[value=agree]').check();
    await page.getByRole('button', { name: 'Save moderation' }).click();
    await page.getByRole('link', { name: 'Moderated', exact: true }).click();
    const done = squash(await text(page, `table tr:has-text("${made.case.caseRef}")`));
    expect(done).toContain('Ada Auditor');
    expect(done).toContain('You agreed');
    await checkPage(page, 'moderation-moderated');
    await checkReflow(page, 'moderation-moderated');
    await page.locator(`table a[href="/moderation/${made.id}"]`).click();
    expect(await text(page, 'main')).toContain('This audit has been moderated');
  });

  it('a social worker’s list says which audits are still with the moderator', async () => {
    await newUser(site.t.db, { username: 'sw.lists', role: Role.SocialWorker, workerKey: 'sw-lists' });
    const mine = { worker: 'Sol Worker', workerKey: 'sw-lists' };
    const waiting = await newAudit(ctx, { state: 'inModeration', case: await newCase(site.t.db, mine) });
    const done = await newAudit(ctx, { state: 'completed', case: await newCase(site.t.db, mine) });
    const page = await newPage(site);
    await signIn(page, 'sw.lists');
    const state = async (caseRef: string) =>
      (await page.locator(`table tr:has-text("${caseRef}") td[data-label="State"]`).textContent())?.trim();
    expect(await state(waiting.case.caseRef)).toBe('In moderation');
    expect(await state(done.case.caseRef)).toBe('Completed');
    expect(await text(page, 'main')).toContain('is still with a moderator');
    await checkPage(page, 'case-audits-moderation');
    await checkReflow(page, 'case-audits-moderation');
  });
});
