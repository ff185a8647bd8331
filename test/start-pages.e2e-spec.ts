import { EscalationsService } from '../libs/audits/escalations.service.js';
import {
  authenticated,
  newActor,
  newAudit,
  newCase,
  newTeam,
  type TestContext,
} from './support/factories.js';
import { testEngines } from './support/engines.js';
import { newUser, Role, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';

const engines = await testEngines('start-pages');

/**
 * The start pages' lists and counts on both engines: the escalations waiting (counted in the
 * navigation), a team manager's team audits, the moderator's two lists and a social worker's.
 */
describe.each(engines)('where each role’s work is (%s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let ctx: TestContext;

  beforeAll(async () => {
    t = await startTestApp(databaseUrl());
    ctx = { db: t.db, app: t.app };
    await newUser(t.db, { role: Role.Moderator });
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (path: string, session: WebSession) => t.http().get(path).set('Cookie', session.cookie);

  it('counts a head of service’s waiting escalations in the navigation, and names the team, auditor and worker', async () => {
    const team = await newTeam(t.db, { name: 'West Safeguarding' });
    const hosId = await newUser(t.db, {
      username: 'hos.e2e',
      role: Role.HeadOfService,
      localityId: team.localityId,
    });
    const auditor = await newActor(t.db, { role: Role.AdvancedPractitioner, displayName: 'Ada Auditor' });
    const escalations = t.app.get(EscalationsService);
    const ids: number[] = [];
    for (const worker of ['Sam Worker', 'Kim Worker']) {
      const theCase = await newCase(t.db, { teamId: team.id, worker });
      const audit = await newAudit(ctx, { state: 'inProgress', auditor, case: theCase });
      ids.push((await escalations.raise(audit.id, 'The child was left alone overnight.', auditor)).id);
    }
    const hos = await webSignIn(t, 'hos.e2e');
    expect((await get('/', hos).expect(302)).headers.location).toBe('/escalations');
    expect((await get('/audits', hos).expect(200)).text).toContain('Escalations (2)');

    const page = (await get(`/escalations/${ids[0]}`, hos).expect(200)).text;
    for (const words of ['West Safeguarding', 'Ada Auditor', 'Sam Worker']) expect(page).toContain(words);

    await escalations.acknowledge(ids[0], 'Visited today.', await authenticated(t.db, hosId));
    const after = (await get('/escalations', hos).expect(200)).text;
    expect(after).toContain('Escalations (1)');
    expect(after).toContain('1 escalation waiting');
  });

  it('lists a team manager’s own team’s submitted audits, counted in SQL, and none being graded', async () => {
    const team = await newTeam(t.db);
    await newUser(t.db, { username: 'tm.e2e', role: Role.TeamManager, teamId: team.id });
    const submitted = await newAudit(ctx, {
      state: 'inModeration',
      case: await newCase(t.db, { teamId: team.id }),
    });
    const completed = await newAudit(ctx, {
      state: 'completed',
      case: await newCase(t.db, { teamId: team.id }),
    });
    const drafting = await newAudit(ctx, {
      state: 'inProgress',
      case: await newCase(t.db, { teamId: team.id }),
    });
    const tm = await webSignIn(t, 'tm.e2e');
    const page = (await get('/team-audits', tm).expect(200)).text;
    expect(page).toContain('2 audits, the newest first');
    expect(page).toContain(`href="/audits/${submitted.id}"`);
    expect(page).toContain(`href="/audits/${completed.id}"`);
    expect(page).not.toContain(drafting.case.caseRef);
    // Every audit listed opens: the list and the one-audit rule are the same rule.
    for (const id of [submitted.id, completed.id]) await get(`/audits/${id}`, tm).expect(200);
    await get(`/audits/${drafting.id}`, tm).expect(404);
  });

  it('gives a moderator the auditor and their grade while waiting, and lists what they moderated', async () => {
    const auditor = await newActor(t.db, { role: Role.AdvancedPractitioner, displayName: 'Max Auditor' });
    const waiting = await newAudit(ctx, { state: 'inModeration', auditor });
    const moderator = await webSignIn(t, (await authenticated(t.db, waiting.audit.moderatorId!)).username);
    const queue = (await get('/moderation', moderator).expect(200)).text;
    expect(queue).toContain('Max Auditor');
    expect(queue).toContain('>Good<');
    const done = await newAudit(ctx, { state: 'completed', auditor });
    const doneBy = await webSignIn(t, (await authenticated(t.db, done.audit.moderatorId!)).username);
    const moderated = (await get('/moderation?show=moderated', doneBy).expect(200)).text;
    expect(moderated).toContain(`href="/moderation/${done.id}"`);
    expect(moderated).toContain('You agreed');
    await get('/moderation?show=everything', doneBy).expect(422);
  });

  it('tells a social worker which of their cases’ audits are still with the moderator', async () => {
    await newUser(t.db, { username: 'sw.e2e', role: Role.SocialWorker, workerKey: 'sw-e2e' });
    const mine = { worker: 'Sol Worker', workerKey: 'sw-e2e' };
    await newAudit(ctx, { state: 'inModeration', case: await newCase(t.db, mine) });
    await newAudit(ctx, { state: 'completed', case: await newCase(t.db, mine) });
    const page = (await get('/case-audits', await webSignIn(t, 'sw.e2e')).expect(200)).text;
    expect(page).toContain('data-label="State"><strong class="govuk-tag govuk-tag--purple">In moderation');
    expect(page).toContain('data-label="State"><strong class="govuk-tag govuk-tag--green">Completed');
  });
});
