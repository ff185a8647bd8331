import { formatAudit } from '../apps/cli/src/print.js';
import { AuditViewService } from '../libs/audits/audit-view.service.js';
import { changeRule } from '../libs/audits/rules/audit-changes.js';
import type { AuthenticatedUser } from '../libs/auth/authenticated-user.js';
import { WorkflowRunner } from '../libs/persistence/workflow-runner.service.js';
import { auditMachine } from '../workflows/audit.machine.js';
import { auditIn, FEEDBACK, type WalkAudit, writeRoutes } from './support/audit-walk.js';
import { CHANGED, onAnAudit, ROUTES, type Who, type WriteRoute } from './support/audit-walk-routes.js';
import { testEngines } from './support/engines.js';
import { newActor } from './support/factories.js';
import { loginAs, Role, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';

/**
 * "Nothing in a finished audit changes unseen": every write route on an audit (the API's and the
 * pages', found in the app's own router, so a new one fails here until it is walked), sent in
 * every state of the audit machine. Each is refused (409, or 404 to someone with no part in the
 * audit, and the record exactly as it was), or accepted with a history row naming who and when,
 * and with every text it replaced still readable in that row. Before submission the grading draft
 * is the auditor's working copy (rules/audit-changes.ts): a save replaces it, with no row.
 */
const STATES = Object.keys(auditMachine.states);

/** What the rule (or, for the audit's own steps, the machine) says a route does in a state. */
function expectedOutcome(
  route: WriteRoute,
  state: string,
  audit: WalkAudit,
): 'draft' | 'recorded' | 'refused' | 'incomplete' | 'n/a' {
  const { expected } = route;
  if (expected === 'ack') return audit.escalationId === null ? 'n/a' : 'recorded';
  const reopens = (event: string) =>
    (auditMachine.states[state].ownEvents as readonly string[]).includes(event);
  if ('part' in expected) {
    const rule = changeRule(expected.part, state);
    return rule === 'refused' && expected.changedThrough && reopens(expected.changedThrough)
      ? 'incomplete'
      : rule;
  }
  return auditMachine.states[state].ownEvents.includes(expected.event) ? 'recorded' : 'refused';
}

/** The texts a reader can read in the record (not the history), with the draft before submission left out. */
function recordTexts(view: Record<string, unknown>, state: string): string[] {
  const parts = [
    'familyFeedback',
    'discussion',
    'overallRationale',
    'grades',
    'compliance',
    'escalations',
    'moderation',
    'withdrawnReason',
  ];
  if (changeRule('grading', state) !== 'draft') parts.push('draft');
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && value.length >= 6 && !/^\d{4}-\d\d-\d\d/.test(value)) texts.push(value);
    // A state is a code the history's own rows record, not text a person wrote.
    else if (value && typeof value === 'object')
      Object.entries(value).forEach(([key, inner]) => key !== 'state' && visit(inner));
  };
  for (const part of parts) visit(view[part]);
  return texts;
}

const engines = await testEngines('audit-after-submit');

describe.each(engines)('every write route on an audit, in every state (%s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let auditor: AuthenticatedUser;
  let relief: number;
  const tokens = new Map<Who, string>();
  const sessions = new Map<Who, WebSession>();
  const pools = new Map<string, WalkAudit[]>();

  beforeAll(async () => {
    t = await startTestApp(databaseUrl());
    auditor = await newActor(t.db, { role: Role.AdvancedPractitioner, username: 'walker' });
    relief = (await newActor(t.db, { role: Role.AdvancedPractitioner, username: 'relief' })).id;
    await newActor(t.db, { role: Role.Moderator, username: 'moderator' });
    await newActor(t.db, { role: Role.Administrator, username: 'admin' });
    await newActor(t.db, { role: Role.Director, username: 'director' });
    for (const [who, username] of [
      ['auditor', 'walker'],
      ['admin', 'admin'],
      ['moderator', 'moderator'],
      ['director', 'director'],
    ] as const) {
      tokens.set(who, await loginAs(t, username));
      sessions.set(who, await webSignIn(t, username));
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  const ctx = () => ({ db: t.db, app: t.app });
  const take = async (state: string) => pools.get(state)?.pop() ?? auditIn(ctx(), state, auditor);
  const giveBack = (state: string, audit: WalkAudit) =>
    pools.set(state, [...(pools.get(state) ?? []), audit]);
  const api = (who: Who, method: 'get' | 'post' | 'put', path: string, body?: object) => {
    const request = t.http()[method](`/api/v1/${path}`).set('Authorization', tokens.get(who)!);
    return body ? request.send(body) : request;
  };
  const page = (who: Who, path: string, form: Record<string, string> = {}) =>
    t
      .http()
      .post(path)
      .type('form')
      .set('Cookie', sessions.get(who)!.cookie)
      .send({ _csrf: sessions.get(who)!.csrf, ...form });
  const show = async (id: number) =>
    (await api('admin', 'get', `audits/${id}`).expect(200)).body as Record<string, unknown>;
  const rows = (type: string, id: number | null) =>
    id === null ? Promise.resolve([]) : t.db.read((m) => t.app.get(WorkflowRunner).history(m, type, id));

  it('walks every write route the app has on an audit (found in its router)', () => {
    const found = writeRoutes(t.app).filter(onAnAudit).sort();
    expect(found).toEqual(Object.keys(ROUTES).sort());
    expect(STATES.sort()).toEqual(
      [
        'unallocated',
        'allocated',
        'inProgress',
        'awaitingDiscussion',
        'submitted',
        'inModeration',
        'completed',
        'closed',
        'withdrawn',
      ].sort(),
    );
  });

  it.each(STATES)('in %s, each write is refused, or recorded with the text it replaced', async (state) => {
    for (const [name, route] of Object.entries(ROUTES)) {
      const audit = await take(state);
      const outcome = expectedOutcome(route, state, audit);
      if (outcome === 'n/a') {
        giveBack(state, audit);
        continue;
      }
      const before = await show(audit.id);
      expect([name, before.state]).toEqual([name, state]);
      const [auditRows, escalationRows] = [
        await rows('audit', audit.id),
        await rows('escalation', audit.escalationId),
      ];
      const response = await route.send({ audit, version: Number(before.version), api, page, relief });
      const after = await show(audit.id);
      const label = `${name} in ${state}`;
      if (outcome === 'incomplete') {
        expect([label, response.status]).toEqual([label, 422]);
        expect(response.text).toContain('govuk-error-summary');
        expect([label, after]).toEqual([label, before]);
        giveBack(state, audit);
        continue;
      }
      if (outcome === 'refused') {
        const noPart = (await api(route.who, 'get', `audits/${audit.id}`)).status === 404;
        expect([label, response.status]).toEqual([label, noPart ? 404 : 409]);
        if (response.status === 409 && name.includes('/api/')) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(response.body).toMatchObject({ state });
        }
        if (response.status === 409 && !name.includes('/api/'))
          expect(response.text).toContain('govuk-error-summary');
        expect([label, after]).toEqual([label, before]);
        giveBack(state, audit);
        continue;
      }
      expect([
        label,
        response.status,
        [200, 201, 303].includes(response.status) ? '' : response.text,
      ]).toEqual([label, response.status, '']);
      const added =
        route.expected === 'ack'
          ? (await rows('escalation', audit.escalationId)).slice(escalationRows.length)
          : (await rows('audit', audit.id)).slice(auditRows.length);
      if (outcome === 'recorded') {
        expect([label, added.length > 0]).toEqual([label, true]);
        for (const row of added) expect(row.actorLabel).toBeTruthy();
      } else {
        expect([label, added]).toEqual([label, []]); // a draft save, before submission
      }
      const kept = JSON.stringify([recordTexts(after, state), added.map((r) => r.detail)]);
      for (const text of recordTexts(before, state))
        expect([label, kept.includes(JSON.stringify(text).slice(1, -1))]).toEqual([label, true]);
      const [was, now] = [before.auditor, after.auditor] as ({ id: number } | null)[];
      if (was && was.id !== now?.id) expect(added.map((r) => r.detail?.fromAuditorId)).toContain(was.id);
    }
  });

  it('shows a changed feedback with its earlier words, on the audit page and in the history', async () => {
    const audit = await auditIn(ctx(), 'completed', auditor);
    const { version } = await show(audit.id);
    await api('auditor', 'put', `audits/${audit.id}/family-feedback`, { ...CHANGED, version }).expect(200);
    const view = await show(audit.id);
    expect(view.familyFeedback).toEqual(CHANGED);
    const history = view.history as { event: string; actorLabel: string; earlier?: object }[];
    const recorded = history.filter((h) => h.event === 'RECORD_FEEDBACK');
    expect(recorded.map((h) => [h.actorLabel.startsWith('walker'), h.earlier ?? null])).toEqual([
      [true, null],
      [true, FEEDBACK],
    ]);
    const html = (
      await t.http().get(`/audits/${audit.id}`).set('Cookie', sessions.get('admin')!.cookie).expect(200)
    ).text;
    expect(html).toContain('Feedback changed on');
    expect(html).toContain(FEEDBACK.said);
    expect(html).toContain(CHANGED.said);
    expect(html).toContain('Feedback from the child or family changed');
    // The operator's `audit show` prints the replaced version under its history row.
    const printed = formatAudit(await t.app.get(AuditViewService).show(audit.id, null));
    expect(printed).toMatch(/RECORD_FEEDBACK .+ completed → completed {2}walker/);
    expect(printed).toContain(`replaced: ${JSON.stringify(FEEDBACK)}`);
  });
});
