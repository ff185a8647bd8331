import { Audit } from '../libs/audits/audit.entity.js';
import { DEFAULT_AUDIT_TOOL } from './support/default-audit-tool.js';
import { type FactoryAudit, newActor, newAudit, newCase } from './support/factories.js';
import { loginAs, Role, sqliteTestUrl, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';
import type { AuthenticatedUser } from '../libs/auth/authenticated-user.js';
import { appliesTo } from '../workflows/audit-tool-definition.js';
import { FixedClock } from '../libs/clock/index.js';
import { TEST_NOW, TEST_TODAY } from './support/test-app.js';

describe('the auditor’s pages: my audits and one audit (HTTP, SQLite file)', () => {
  let t: TestApp;
  let auditor: AuthenticatedUser;
  let web: WebSession;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('audit-pages'));
    auditor = await newActor(t.db, { role: Role.TeamManager });
    web = await webSignIn(t, auditor.username);
  });

  afterAll(async () => {
    await t?.close();
  });

  const allocated = () => newAudit(t, { auditor, state: 'allocated' });
  const started = async () => {
    const made = await allocated();
    await post(`/audits/${made.id}/start`, {}).expect(303);
    return made;
  };
  const reload = (id: number) => t.db.read((m) => m.findOneByOrFail(Audit, { id }));
  const get = (path: string, session = web) => t.http().get(path).set('Cookie', session.cookie);
  const post = (path: string, form: Record<string, string>, session = web) =>
    t
      .http()
      .post(path)
      .type('form')
      .set('Cookie', session.cookie)
      .send({ _csrf: session.csrf, ...form });
  const firstDomain = (made: FactoryAudit) =>
    DEFAULT_AUDIT_TOOL.domains.find((d) => appliesTo(d, made.case.cohortCode))!;

  it('sends a visitor without a session to sign in, and back after', async () => {
    const made = await allocated();
    for (const path of ['/audits', `/audits/${made.id}`, `/audits/${made.id}/grading`]) {
      const response = await t.http().get(path).expect(303);
      expect(response.headers.location).toBe(`/login?returnTo=${encodeURIComponent(path)}`);
    }
  });

  it('lists my audits by group, with the case, its cohort and team, and says empty groups in words', async () => {
    const made = await allocated();
    const page = await get('/audits').expect(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">My audits</h1>');
    const toStart = page.text.slice(page.text.indexOf('id="toStart"'), page.text.indexOf('id="drafts"'));
    expect(toStart).toContain(`href="/audits/${made.id}">${made.case.caseRef}</a>`);
    expect(toStart).toContain('Not started');
    expect(page.text).toContain('No audits are waiting for a discussion with the social worker.');
    expect(page.text).toContain('Due: not started');
  });

  it('marks open work overdue once its deadline has passed by the app’s clock, and only then', async () => {
    const made = await allocated();
    const row = (html: string) =>
      html.slice(html.indexOf(made.case.caseRef), html.indexOf('</tr>', html.indexOf(made.case.caseRef)));
    expect(row((await get('/audits?group=toStart').expect(200)).text)).not.toContain('Overdue');
    const clock = t.clock as FixedClock;
    clock.set('2027-03-01T10:00:00Z');
    try {
      // A session of its own: the time moved on past the shared session's idle time-out.
      const later = await webSignIn(t, auditor.username);
      const late = row((await get('/audits?group=toStart', later).expect(200)).text);
      expect(late).toContain('govuk-tag--red');
      expect(late).toContain('Overdue');
    } finally {
      clock.set(TEST_NOW);
    }
  });

  it('pages one group in SQL, and the JSON API answers the same groups and counts', async () => {
    const made = await allocated();
    const page = await get('/audits?group=toStart').expect(200);
    expect(page.text).toContain(made.case.caseRef);
    expect(page.text).not.toContain('id="done"');
    await get('/audits?group=nonsense').expect(422);
    const bearer = await loginAs(t, auditor.username);
    const counts = await t.http().get('/api/v1/my/audits/counts').set('Authorization', bearer).expect(200);
    expect(counts.body.toStart).toBeGreaterThanOrEqual(1);
    expect(counts.body.done).toBe(0);
    const list = await t
      .http()
      .get('/api/v1/my/audits?group=toStart&pageSize=1')
      .set('Authorization', bearer)
      .expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.total).toBe(counts.body.toStart);
    expect(list.body.items[0].state).toBe('allocated');
  });

  it('answers 404 for a missing audit and for one the reader may not see, alike', async () => {
    const made = await allocated();
    const stranger = await newActor(t.db, { role: Role.TeamManager });
    const strangerWeb = await webSignIn(t, stranger.username);
    const missing = await get('/audits/999999', strangerWeb).expect(404);
    const hidden = await get(`/audits/${made.id}`, strangerWeb).expect(404);
    expect(hidden.text).toContain('Page not found');
    expect(hidden.text).not.toContain(made.case.caseRef);
    // The same page but for the reference to quote (the correlation id) and the CSP nonce.
    const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
    expect(main(hidden.text)).toBe(main(missing.text).replace('999999', String(made.id)));
    await post(`/audits/${made.id}/start`, {}, strangerWeb).expect(404);
  });

  it('shows the case and the tool for its cohort before the start, and starts the audit', async () => {
    const made = await allocated();
    const page = await get(`/audits/${made.id}`).expect(200);
    expect(page.text).toContain(made.case.caseRef);
    expect(page.text).toContain(firstDomain(made).title);
    expect(page.text).toContain('Start the audit');
    const response = await post(`/audits/${made.id}/start`, {}).expect(303);
    expect(response.headers.location).toBe(`/audits/${made.id}/grading`);
    expect((await reload(made.id)).state).toBe('inProgress');
  });

  it('refuses a form posted without its CSRF token with 403 and leaves the draft as it was', async () => {
    const made = await started();
    const before = await reload(made.id);
    const key = firstDomain(made).key;
    await t
      .http()
      .post(`/audits/${made.id}/grading`)
      .type('form')
      .set('Cookie', web.cookie)
      .send({ version: String(before.version), [`grade-${key}`]: 'good', intent: 'save' })
      .expect(403);
    const after = await reload(made.id);
    expect([after.version, after.draft]).toEqual([before.version, before.draft]);
  });

  it('saves the draft (303, then the page shows it saved) as often as the auditor likes', async () => {
    const made = await started();
    const key = firstDomain(made).key;
    const { version } = await reload(made.id);
    const saved = await post(`/audits/${made.id}/grading`, {
      version: String(version),
      [`grade-${key}`]: 'inadequate',
      [`evidence-${key}`]: 'No plan on file since March',
      intent: 'save',
    }).expect(303);
    expect(saved.headers.location).toBe(`/audits/${made.id}/grading?saved=1`);
    const page = await get(saved.headers.location).expect(200);
    expect(page.text).toContain('Your draft has been saved');
    expect(page.text).toContain('Last saved');
    expect(page.text).toMatch(new RegExp(`value="inadequate" checked`));
    expect(page.text).toContain('No plan on file since March');
    const audit = await reload(made.id);
    expect(audit.version).toBe(version + 1);
    expect(audit.draft?.domains?.[key]).toEqual({
      grade: 'inadequate',
      evidence: 'No plan on file since March',
    });
  });

  it('saves every valid part of a draft, and names with 422 what it did not save, keeping it on the page', async () => {
    const made = await started();
    const domain = firstDomain(made);
    const { version } = await reload(made.id);
    const evidence = 'No plan on file since March. '.repeat(40).trim();
    const partly = await post(`/audits/${made.id}/grading`, {
      version: String(version),
      [`grade-${domain.key}`]: 'inadequate',
      [`evidence-${domain.key}`]: evidence,
      'overall-rationale': 'The plan has drifted.',
      actionRows: '2',
      'action-0-what': 'Update the plan',
      'action-0-owner': 'Team manager',
      'action-0-dueOn-day': '31',
      'action-0-dueOn-month': '1',
      'action-0-dueOn-year': '2027',
      'action-1-what': 'Visit the child',
      'action-1-owner': 'Social worker',
      'action-1-dueOn-day': '31',
      'action-1-dueOn-month': '2',
      'action-1-dueOn-year': '2027',
      intent: 'save',
    }).expect(422);
    expect(partly.text).toContain('<title>Error: ');
    expect(partly.text).toContain('href="#action-1-dueOn-day"');
    expect(partly.text).toContain('Action 2 was not saved: the due date must be a real date');
    expect(partly.text).toContain('The rest of your draft has been saved');
    // What was not saved is still on the page as typed, and the form carries the new version.
    expect(partly.text).toContain('Visit the child');
    expect(partly.text).toMatch(/name="action-1-dueOn-month"[^>]*value="2"/);
    expect(partly.text).toContain(`name="version" value="${version + 1}"`);
    const audit = await reload(made.id);
    expect(audit.version).toBe(version + 1);
    expect(audit.draft?.domains?.[domain.key]).toEqual({ grade: 'inadequate', evidence });
    expect(audit.draft?.overall).toEqual({ rationale: 'The plan has drifted.' });
    expect(audit.draft?.actions).toEqual([
      { what: 'Update the plan', owner: 'Team manager', dueOn: '2027-01-31' },
    ]);

    const ownerless = await post(`/audits/${made.id}/grading`, {
      version: String(version + 1),
      actionRows: '1',
      'action-0-what': 'Update the plan',
      'action-0-dueOn-day': '31',
      'action-0-dueOn-month': '1',
      'action-0-dueOn-year': '2027',
      intent: 'finish',
    }).expect(422);
    // No owner chosen from the team (and no free text from an older draft): not saved, and said so.
    expect(ownerless.text).toContain('href="#action-0-what"');
    expect(ownerless.text).toContain(
      'Action 1 was not saved: an action needs what, who owns it and a due date',
    );
    expect(ownerless.text).toContain('id="action-0-ownerId"');
    const after = await reload(made.id);
    expect([after.state, after.draft?.actions]).toEqual(['inProgress', []]);
  });

  it('saves evidence written before its grade is chosen', async () => {
    const made = await started();
    const { key } = firstDomain(made);
    const { version } = await reload(made.id);
    await post(`/audits/${made.id}/grading`, {
      version: String(version),
      [`evidence-${key}`]: 'Written before choosing a grade',
      intent: 'save',
    }).expect(303);
    expect((await reload(made.id)).draft?.domains?.[key]).toEqual({
      evidence: 'Written before choosing a grade',
    });
  });

  it('saves a grading form filled to every box’s limit, rather than refusing it as too large', async () => {
    const made = await started();
    const { version } = await reload(made.id);
    // Prose as pasted from a case note: punctuation and curly quotes take several bytes each in a form.
    const full = 'The child’s plan, reviewed: “no change”. '.repeat(300).slice(0, 10_000);
    const form: Record<string, string> = {
      version: String(version),
      'overall-rationale': full,
      intent: 'save',
    };
    const domains = DEFAULT_AUDIT_TOOL.domains.filter((d) => appliesTo(d, made.case.cohortCode));
    for (const d of domains) Object.assign(form, { [`grade-${d.key}`]: 'good', [`evidence-${d.key}`]: full });
    await post(`/audits/${made.id}/grading`, form).expect(303);
    const draft = (await reload(made.id)).draft;
    expect(domains.map((d) => draft?.domains?.[d.key]?.evidence?.length)).toEqual(domains.map(() => 10_000));
  });

  it('refuses a stale save with 409, says so, keeps the input and offers the current version', async () => {
    const made = await started();
    const key = firstDomain(made).key;
    const { version } = await reload(made.id);
    await post(`/audits/${made.id}/grading`, { version: String(version), [`grade-${key}`]: 'good' }).expect(
      303,
    );
    const stale = await post(`/audits/${made.id}/grading`, {
      version: String(version),
      [`grade-${key}`]: 'outstanding',
      intent: 'save',
    }).expect(409);
    expect(stale.text).toContain('Someone else saved this audit after you opened it');
    expect(stale.text).toMatch(/value="outstanding" checked/);
    expect(stale.text).toContain(`name="version" value="${version + 1}"`);
    expect((await reload(made.id)).draft?.domains?.[key]?.grade).toBe('good');
  });

  it('refuses to finish grading with 422 naming each rule still to meet, after saving the draft', async () => {
    const made = await started();
    const { version } = await reload(made.id);
    const refused = await post(`/audits/${made.id}/grading`, {
      version: String(version),
      'overall-grade': 'good',
      intent: 'finish',
    }).expect(422);
    expect(refused.text).toContain('Your draft has been saved, but grading cannot be finished yet');
    expect(refused.text).toContain('href="#overall-rationale"');
    expect(refused.text).toContain('Give the rationale for the overall grade');
    const audit = await reload(made.id);
    expect([audit.state, audit.draft?.overall?.grade]).toEqual(['inProgress', 'good']);
  });

  it('shows a submitted audit read-only to the case’s social worker, with the discussion record', async () => {
    const worker = await newActor(t.db, { role: Role.SocialWorker, workerKey: 'sam.worker@example.org' });
    const made = await newAudit(t, {
      auditor,
      state: 'inModeration',
      case: await newCase(t.db, { worker: 'Sam Worker', workerKey: 'sam.worker@example.org' }),
    });
    const page = await get(`/audits/${made.id}`, await webSignIn(t, worker.username)).expect(200);
    expect(page.text).toContain('Discussion with the social worker');
    expect(page.text).toContain('Went through the findings together');
    expect(page.text).not.toContain('Start the audit');
    expect(page.text).not.toContain(`action="/audits/${made.id}/grading"`);
  });

  describe('the discussion, family feedback, submit and reopen forms', () => {
    // An auditor of their own, so that the groups of "My audits" above stay as those tests made them.
    let own: AuthenticatedUser;
    let ownWeb: WebSession;
    const graded = () => newAudit(t, { auditor: own, state: 'awaitingDiscussion' });
    const send = (path: string, form: Record<string, string>) => post(path, form, ownWeb);
    const view = (path: string) => get(path, ownWeb);
    const [year, month, day] = TEST_TODAY.split('-');
    const heldToday = { happened: 'yes', 'heldOn-day': day, 'heldOn-month': month, 'heldOn-year': year };

    beforeAll(async () => {
      own = await newActor(t.db, { role: Role.TeamManager });
      ownWeb = await webSignIn(t, own.username);
      // A submission goes to a moderator other than its auditor.
      await newActor(t.db, { role: Role.Moderator });
    });

    it('records the discussion (303), then the audit shows it', async () => {
      const made = await graded();
      const { version } = await reload(made.id);
      const posted = await send(`/audits/${made.id}/discussion`, {
        version: String(version),
        ...heldToday,
        summary: 'Talked through the plan and the visits',
        agreement: 'agrees',
      }).expect(303);
      expect(posted.headers.location).toBe(`/audits/${made.id}`);
      const page = await view(`/audits/${made.id}`).expect(200);
      expect(page.text).toContain('Discussion with the social worker');
      expect(page.text).toContain('Talked through the plan and the visits');
      expect((await reload(made.id)).version).toBe(version + 1);
    });

    it('refuses a discussion without its date or summary (422), in words, keeping the input', async () => {
      const made = await graded();
      const { version } = await reload(made.id);
      const refused = await send(`/audits/${made.id}/discussion`, {
        version: String(version),
        happened: 'yes',
        agreement: 'partly',
        disagreement: 'Thinks the grade is harsh',
      }).expect(422);
      expect(refused.text).toContain('<title>Error: ');
      expect(refused.text).toContain('href="#heldOn-day">Enter the date of the discussion');
      expect(refused.text).toContain('href="#summary">Summarise what was discussed');
      expect(refused.text).not.toContain('YYYY-MM-DD');
      expect(refused.text).toContain('Thinks the grade is harsh');
      expect((await reload(made.id)).version).toBe(version);
    });

    it('shows what was typed again when the audit moved on before it was saved, rather than dropping it', async () => {
      const finished = await graded();
      const { key } = firstDomain(finished);
      // A finished grading may be changed (from "Check your answers"): this post is such a change,
      // refused as incomplete, with what was typed kept and nothing stored.
      const before = await reload(finished.id);
      const grading = await send(`/audits/${finished.id}/grading`, {
        version: String(before.version),
        [`evidence-${key}`]: 'Typed in a tab left open',
        intent: 'save',
      }).expect(422);
      expect(grading.text).toContain('class="govuk-error-summary');
      expect(grading.text).toContain('Typed in a tab left open');
      expect((await reload(finished.id)).version).toBe(before.version);

      const grading2 = await newAudit(t, { auditor: own, state: 'inProgress' });
      const discussion = await send(`/audits/${grading2.id}/discussion`, {
        version: String((await reload(grading2.id)).version),
        ...heldToday,
        summary: 'A long talk, typed before grading was finished',
        agreement: 'agrees',
      }).expect(409);
      expect(discussion.text).toContain('Nothing was saved: this cannot be done while the audit is “Draft”');
      expect(discussion.text).toContain('A long talk, typed before grading was finished');
      // A plain visit to a form the audit is past still goes to the audit.
      await view(`/audits/${grading2.id}/discussion`).expect(303);
    });

    it('refuses a stale discussion with 409 and says so', async () => {
      const made = await graded();
      const { version } = await reload(made.id);
      const stale = await send(`/audits/${made.id}/discussion`, {
        version: String(version - 1),
        ...heldToday,
        summary: 'Talked it through',
        agreement: 'agrees',
      }).expect(409);
      expect(stale.text).toContain('Someone else saved this audit after you opened it');
      expect(stale.text).toContain('Talked it through');
    });

    it('records feedback from the family (303), then the audit shows it', async () => {
      const made = await graded();
      const { version } = await reload(made.id);
      await send(`/audits/${made.id}/feedback`, {
        version: String(version),
        from: 'Foster carer',
        how: 'Home visit',
        said: 'The new plan has helped at school.',
      }).expect(303);
      const page = await view(`/audits/${made.id}`).expect(200);
      expect(page.text).toContain('Feedback from the child or family');
      expect(page.text).toContain('The new plan has helped at school.');
    });

    it('refuses feedback with a blank field (422), naming it in words', async () => {
      const made = await graded();
      const { version } = await reload(made.id);
      const refused = await send(`/audits/${made.id}/feedback`, {
        version: String(version),
        from: 'Mother',
        how: '',
        said: 'Things are better.',
      }).expect(422);
      expect(refused.text).toContain('href="#how">Enter how the feedback was given');
      expect(refused.text).not.toContain('how must');
      expect(refused.text).toContain('Things are better.');
      expect((await reload(made.id)).familyFeedback ?? null).toBeNull();
    });

    it('refuses to submit before the discussion (422), linking to the discussion form', async () => {
      const made = await graded();
      const { version } = await reload(made.id);
      const refused = await send(`/audits/${made.id}/submit`, { version: String(version) }).expect(422);
      expect(refused.text).toContain('Check your answers');
      expect(refused.text).toContain(`href="/audits/${made.id}/discussion?returnTo=check#happened"`);
      expect(refused.text).toContain('Record the discussion with the social worker');
      expect((await reload(made.id)).state).toBe('awaitingDiscussion');
    });

    it('submits after the discussion (303 to the confirmation); a stale submission is a 409', async () => {
      const made = await graded();
      let { version } = await reload(made.id);
      await send(`/audits/${made.id}/discussion`, {
        version: String(version),
        ...heldToday,
        summary: 'Agreed the findings',
        agreement: 'agrees',
      }).expect(303);
      const stale = await send(`/audits/${made.id}/submit`, { version: String(version) }).expect(409);
      expect(stale.text).toContain('govuk-error-summary');
      expect(stale.text).toContain('Someone else saved this audit after you opened it');
      ({ version } = await reload(made.id));
      const submitted = await send(`/audits/${made.id}/submit`, { version: String(version) }).expect(303);
      expect(submitted.headers.location).toBe(`/audits/${made.id}/submitted`);
      expect((await view(submitted.headers.location).expect(200)).text).toContain('Audit submitted');
      expect((await reload(made.id)).state).toBe('inModeration');
    });

    it('reopens graded work (303 to the grading form); a stale or illegal reopen is a 409 on the audit', async () => {
      const made = await graded();
      const { version } = await reload(made.id);
      const stale = await send(`/audits/${made.id}/reopen`, { version: String(version - 1) }).expect(409);
      expect(stale.text).toContain('govuk-error-summary');
      expect((await reload(made.id)).state).toBe('awaitingDiscussion');
      const reopened = await send(`/audits/${made.id}/reopen`, { version: String(version) }).expect(303);
      expect(reopened.headers.location).toBe(`/audits/${made.id}/grading`);
      expect((await view(reopened.headers.location).expect(200)).text).toContain('Save and finish grading');
      expect((await reload(made.id)).state).toBe('inProgress');
      const again = await send(`/audits/${made.id}/reopen`, { version: String(version + 1) }).expect(409);
      expect(again.text).toContain('That cannot be done now: the audit is draft');
    });
  });
});
