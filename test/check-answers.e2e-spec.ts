import { Audit } from '../libs/audits/audit.entity.js';
import type { AuditContext } from '../workflows/audit.machine.js';
import { appliesTo } from '../workflows/audit-tool-definition.js';
import type { AuthenticatedUser } from '../libs/auth/authenticated-user.js';
import { DEFAULT_AUDIT_TOOL } from './support/default-audit-tool.js';
import { AGREED_DISCUSSION } from './support/audit-fixtures.js';
import { AuditsService } from '../libs/audits/audits.service.js';
import { type FactoryAudit, newActor, newAudit } from './support/factories.js';
import { newUser, Role, sqliteTestUrl, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';

/** "Check your answers": the forms its Change links open come back to it, and only to it. */
describe('check your answers: change and come back (HTTP, SQLite file)', () => {
  let t: TestApp;
  let auditor: AuthenticatedUser;
  let web: WebSession;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('check-answers'));
    auditor = await newActor(t.db, { role: Role.TeamManager });
    web = await webSignIn(t, auditor.username);
    await newActor(t.db, { role: Role.Moderator });
  });

  afterAll(async () => {
    await t?.close();
  });

  const reload = (id: number) => t.db.read((m) => m.findOneByOrFail(Audit, { id }));
  const recorded = async (id: number) =>
    Boolean((((await reload(id)).snapshot as { context?: AuditContext }).context ?? {}).discussionRecorded);
  const get = (path: string) => t.http().get(path).set('Cookie', web.cookie);
  const post = (path: string, form: Record<string, string>) =>
    t
      .http()
      .post(path)
      .type('form')
      .set('Cookie', web.cookie)
      .send({ _csrf: web.csrf, ...form });

  /** Graded and discussed: "Check your answers" is open. */
  async function discussed(): Promise<FactoryAudit> {
    const made = await newAudit(t, { auditor, state: 'awaitingDiscussion' });
    const { version } = await reload(made.id);
    await t.app.get(AuditsService).recordDiscussion(made.id, AGREED_DISCUSSION, version, auditor);
    return made;
  }

  /** The grading form as the page posts it, saying what the factory's complete draft says. */
  async function gradingForm(made: FactoryAudit): Promise<Record<string, string>> {
    const form: Record<string, string> = {
      version: String((await reload(made.id)).version),
      actionRows: '1',
    };
    for (const d of DEFAULT_AUDIT_TOOL.domains.filter((d) => appliesTo(d, made.case.cohortCode))) {
      form[`grade-${d.key}`] = 'good';
      form[`evidence-${d.key}`] = 'Seen in the case file';
    }
    for (const i of DEFAULT_AUDIT_TOOL.compliance.filter((i) => appliesTo(i, made.case.cohortCode))) {
      form[`compliance-${i.key}`] = 'met';
    }
    // The actions the factory's draft proposed, as the form shows them back.
    const actions = (await reload(made.id)).draft?.actions ?? [];
    actions.forEach((a, i) => {
      const [year, month, day] = a.dueOn.split('-');
      Object.assign(form, {
        [`action-${i}-what`]: a.what,
        [`action-${i}-why`]: a.why ?? '',
        [`action-${i}-ownerId`]: String(a.ownerId ?? ''),
        [`action-${i}-successMeasure`]: a.successMeasure ?? '',
        [`action-${i}-dueOn-day`]: String(Number(day)),
        [`action-${i}-dueOn-month`]: String(Number(month)),
        [`action-${i}-dueOn-year`]: year,
      });
    });
    form.actionRows = String(actions.length + 1);
    return {
      ...form,
      improved: 'yes',
      'overall-grade': 'good',
      'overall-rationale': 'Practice is consistently good',
      returnTo: 'check',
    };
  }

  it('goes back to check your answers after saving only when asked to, and never off the audit', async () => {
    const made = await discussed();
    const feedback = { from: 'Mother', how: 'Telephone call', said: 'Better since the new plan.' };
    const send = async (returnTo: string) =>
      (
        await post(`/audits/${made.id}/feedback`, {
          version: String((await reload(made.id)).version),
          ...feedback,
          returnTo,
        }).expect(303)
      ).headers.location;
    expect(await send('check')).toBe(`/audits/${made.id}/check`);
    for (const elsewhere of [
      'https://evil.example/',
      '//evil.example',
      '/admin',
      '../../admin',
      'toString',
      '',
    ]) {
      expect(await send(elsewhere)).toBe(`/audits/${made.id}`);
    }
    const page = await get(`/audits/${made.id}/discussion?returnTo=https://evil.example/`).expect(200);
    expect(page.text).not.toContain('evil.example');
    expect(page.text).toContain('Back to the audit');
    const fromCheck = await get(`/audits/${made.id}/discussion?returnTo=check`).expect(200);
    expect(fromCheck.text).toContain('<input type="hidden" name="returnTo" value="check">');
    expect(fromCheck.text).toContain(`href="/audits/${made.id}/check" class="govuk-back-link"`);
  });

  it('saving the finished grading unchanged changes nothing: the discussion stands', async () => {
    const made = await discussed();
    const before = await reload(made.id);
    const saved = await post(`/audits/${made.id}/grading`, await gradingForm(made)).expect(303);
    expect(saved.headers.location).toBe(`/audits/${made.id}/check`);
    const after = await reload(made.id);
    expect({ version: after.version, state: after.state }).toEqual({
      version: before.version,
      state: before.state,
    });
    expect(await recorded(made.id)).toBe(true);
  });

  it('a changed grade reopens and finishes grading in one go; the discussion is then recorded again', async () => {
    const made = await discussed();
    const form = await gradingForm(made);
    const [key] = Object.keys(form)
      .filter((k) => k.startsWith('grade-'))
      .map((k) => k.slice('grade-'.length));
    const saved = await post(`/audits/${made.id}/grading`, {
      ...form,
      [`grade-${key}`]: 'requires_improvement',
    }).expect(303);
    expect(saved.headers.location).toBe(`/audits/${made.id}/check`);
    const after = await reload(made.id);
    expect(after.state).toBe('awaitingDiscussion');
    expect(after.draft?.domains?.[key]?.grade).toBe('requires_improvement');
    expect(await recorded(made.id)).toBe(false);
    const check = await get(`/audits/${made.id}/check`).expect(200);
    expect(check.text).toContain('Record the discussion again before you submit');
    expect(check.text).toContain(`href="/audits/${made.id}/discussion?returnTo=check#happened"`);
    await post(`/audits/${made.id}/submit`, { version: String(after.version) }).expect(422);
  });

  it('a refused change stores nothing, keeps what was typed (422), and a stale one is a 409', async () => {
    const made = await discussed();
    const before = await reload(made.id);
    const form = await gradingForm(made);
    // Its one action emptied (removed): an inadequate grade with no action is refused.
    const emptied = Object.fromEntries(
      Object.keys(form)
        .filter((k) => k.startsWith('action-0-'))
        .map((k) => [k, '']),
    );
    const refused = await post(`/audits/${made.id}/grading`, {
      ...form,
      ...emptied,
      'overall-grade': 'inadequate',
      'overall-rationale': 'Nothing has moved for a year.',
    }).expect(422);
    expect(refused.text).toContain('govuk-error-summary');
    expect(refused.text).toContain('Nothing has moved for a year.');
    expect(refused.text).toContain('<input type="hidden" name="returnTo" value="check">');
    const after = await reload(made.id);
    expect({ version: after.version, draft: after.draft }).toEqual({
      version: before.version,
      draft: before.draft,
    });
    expect(await recorded(made.id)).toBe(true);

    await post(`/audits/${made.id}/grading`, {
      ...form,
      version: String(before.version - 1),
      'overall-rationale': 'Changed',
    }).expect(409);
  });

  it('lists the proposed actions in words, their text escaped', async () => {
    const made = await newAudit(t, { auditor, state: 'inProgress' });
    const ownerId = await newUser(t.db, {
      role: Role.SocialWorker,
      teamId: made.audit.teamId,
      displayName: 'Ola Owner',
    });
    const form = { ...(await gradingForm(made)), returnTo: '' };
    const action = {
      'action-0-what': 'Agree <b>contact</b> & visits',
      'action-0-why': 'Contact has lapsed',
      'action-0-ownerId': String(ownerId),
      'action-0-successMeasure': 'Contact weekly',
      'action-0-dueOn-day': '31',
      'action-0-dueOn-month': '1',
      'action-0-dueOn-year': '2027',
    };
    await post(`/audits/${made.id}/grading`, { ...form, ...action, intent: 'finish' }).expect(303);
    const page = await get(`/audits/${made.id}`).expect(200);
    expect(page.text).toContain('Agree &lt;b&gt;contact&lt;/b&gt; &amp; visits');
    expect(page.text).toContain('Owned by: Ola Owner');
    expect(page.text).toContain('Due by: 31 January 2027');
  });
});
