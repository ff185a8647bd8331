import { Audit } from '../libs/audits/audit.entity.js';
import { EscalationsService } from '../libs/audits/escalations.service.js';
import { authenticated, newAudit, newCase, newTeam, type TestContext } from './support/factories.js';
import { newUser, Role, sqliteTestUrl, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';

/**
 * Issue 12 point 1 for the single-command forms: a form refused because someone got there first
 * (a second tab, a colleague) is shown again with what was typed, and a 409, not dropped.
 */
describe('a refused form keeps what was typed, even when the record moved on (HTTP, SQLite file)', () => {
  let t: TestApp;
  let ctx: TestContext;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('kept-input'));
    ctx = { db: t.db, app: t.app };
  });

  afterAll(async () => {
    await t?.close();
  });

  const post = (session: WebSession, path: string, form: Record<string, string>) =>
    t
      .http()
      .post(path)
      .type('form')
      .set('Cookie', session.cookie)
      .send({ _csrf: session.csrf, ...form });

  it('a moderation sent from a second tab after the first one', async () => {
    const audit = await newAudit(ctx, { state: 'inModeration' });
    const moderator = await webSignIn(t, (await authenticated(t.db, audit.audit.moderatorId!)).username);
    const form = await t.http().get(`/moderation/${audit.id}`).set('Cookie', moderator.cookie).expect(200);
    const version = /name="version" value="(\d+)"/.exec(form.text)![1];
    const agreeing = Object.fromEntries(
      [...new Set([...form.text.matchAll(/name="((?:overall|domain-[\w-]+))"/g)].map((m) => m[1]))].map(
        (name) => [name, 'agree'],
      ),
    );
    await post(moderator, `/moderation/${audit.id}`, { version, ...agreeing }).expect(303);

    const comment = 'Typed in a second tab: the plan for the first domain had no timescales.';
    const refused = await post(moderator, `/moderation/${audit.id}`, {
      version,
      ...agreeing,
      comment,
    }).expect(409);
    expect(refused.text).toContain('This audit has been moderated');
    expect(refused.text).toContain('class="govuk-error-summary');
    expect(refused.text).toContain(comment);
  });

  it('an acknowledgement sent after a colleague acknowledged the escalation', async () => {
    const team = await newTeam(t.db);
    await newUser(t.db, { username: 'hos.kept', role: Role.HeadOfService, localityId: team.localityId! });
    const director = await newUser(t.db, { username: 'director.kept', role: Role.Director });
    expect(director).toBeGreaterThan(0);
    const made = await newAudit(ctx, { state: 'inProgress', case: await newCase(t.db, { teamId: team.id }) });
    const escalations = t.app.get(EscalationsService);
    const raised = await escalations.raise(made.id, 'No visit for eight weeks.', made.auditor!);
    const hos = await webSignIn(t, 'hos.kept');
    await t.http().get(`/escalations/${raised.id}`).set('Cookie', hos.cookie).expect(200);
    await escalations.acknowledge(raised.id, 'Visited today.', await authenticated(t.db, director));

    const response = 'A strategy meeting is booked for Friday, and the child was seen at school today.';
    const refused = await post(hos, `/escalations/${raised.id}`, { response }).expect(409);
    expect(refused.text).toContain('Visited today.');
    expect(refused.text).toContain('class="govuk-error-summary');
    expect(refused.text).toContain(response);
  });

  it('feedback pasted from Word (a vertical tab for a line break, a stray NUL) is saved as meant', async () => {
    const made = await newAudit(ctx, { state: 'awaitingDiscussion' });
    const auditor = await webSignIn(t, made.auditor!.username);
    const { version } = await t.db.read((m) => m.findOneByOrFail(Audit, { id: made.id }));
    await post(auditor, `/audits/${made.id}/feedback`, {
      version: String(version),
      from: 'Foster carer',
      how: 'Home visit',
      said: 'School is better now.\u000bShe sleeps well.\u0000',
    }).expect(303);
    const stored = await t.db.read((m) => m.findOneByOrFail(Audit, { id: made.id }));
    expect(stored.familyFeedback).toMatchObject({ said: 'School is better now.\nShe sleeps well.' });
  });
});
