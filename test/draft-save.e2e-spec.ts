import { Audit } from '../libs/audits/audit.entity.js';
import { appliesTo } from '../workflows/audit-tool-definition.js';
import { DEFAULT_AUDIT_TOOL } from './support/default-audit-tool.js';
import { testEngines } from './support/engines.js';
import { newAudit, type TestContext } from './support/factories.js';
import { loginAs, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn } from './support/web-session.js';

const engines = await testEngines('draft-save');
const EVIDENCE = 'The plan has no timescales; the child was last seen in March. '.repeat(80);

/**
 * Issue 12 point 1: the grading page's "Save draft" stores every valid part in one transaction
 * and names the rest; the JSON API's PUT stays whole or nothing (its caller holds what it sent).
 */
describe.each(engines)('a draft saved part by part (%s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let ctx: TestContext;

  beforeAll(async () => {
    t = await startTestApp(databaseUrl());
    ctx = { db: t.db, app: t.app };
  });

  afterAll(async () => {
    await t?.close();
  });

  const reload = (id: number) => t.db.read((m) => m.findOneByOrFail(Audit, { id }));

  async function auditInProgress() {
    const made = await newAudit(ctx, { state: 'inProgress' });
    const web = await webSignIn(t, made.auditor!.username);
    const domains = DEFAULT_AUDIT_TOOL.domains.filter((d) => appliesTo(d, made.case.cohortCode));
    const post = (form: Record<string, string>) =>
      t
        .http()
        .post(`/audits/${made.id}/grading`)
        .type('form')
        .set('Cookie', web.cookie)
        .send({ _csrf: web.csrf, intent: 'save', ...form });
    return { made, domains, post };
  }

  /** Every domain graded with evidence, the rationale, and one action due 31 February 2027. */
  const wholeForm = (domains: { key: string }[], version: number, day = '31') => ({
    version: String(version),
    ...Object.fromEntries(
      domains.flatMap((d) => [
        [`grade-${d.key}`, 'requires_improvement'],
        [`evidence-${d.key}`, EVIDENCE],
      ]),
    ),
    'overall-grade': 'requires_improvement',
    'overall-rationale': EVIDENCE,
    actionRows: '1',
    'action-0-what': 'Review the plan',
    'action-0-owner': 'Team manager',
    'action-0-dueOn-day': day,
    'action-0-dueOn-month': '2',
    'action-0-dueOn-year': '2027',
  });

  it('stores every grade, the evidence and the rationale, and names the action it left out', async () => {
    const { made, domains, post } = await auditInProgress();
    const { version } = await reload(made.id);
    const page = await post(wholeForm(domains, version)).expect(422);
    expect(page.text).toContain('Action 1 was not saved: the due date must be a real date');
    const audit = await reload(made.id);
    expect(audit.version).toBe(version + 1);
    expect(Object.keys(audit.draft?.domains ?? {}).sort()).toEqual(domains.map((d) => d.key).sort());
    for (const d of domains) {
      expect(audit.draft?.domains?.[d.key]).toEqual({ grade: 'requires_improvement', evidence: EVIDENCE });
    }
    expect(audit.draft?.overall).toEqual({ grade: 'requires_improvement', rationale: EVIDENCE });
    expect(audit.draft?.actions).toEqual([]);

    // Put right, the whole draft is stored.
    await post(wholeForm(domains, version + 1, '28')).expect(303);
    expect((await reload(made.id)).draft?.actions).toEqual([
      { what: 'Review the plan', owner: 'Team manager', dueOn: '2027-02-28' },
    ]);
  });

  it('stores nothing from a stale form (409): the check and the write are one transaction', async () => {
    const { made, domains, post } = await auditInProgress();
    const { version } = await reload(made.id);
    await post({ version: String(version), [`grade-${domains[0].key}`]: 'good' }).expect(303);
    const stale = await post(wholeForm(domains, version)).expect(409);
    expect(stale.text).toContain('Someone else saved this audit after you opened it');
    expect(stale.text).toContain('Review the plan');
    const audit = await reload(made.id);
    expect(audit.version).toBe(version + 1);
    expect(audit.draft?.domains).toEqual({ [domains[0].key]: { grade: 'good' } });
    expect(audit.draft?.overall?.rationale).toBeUndefined();
  });

  it('the API’s PUT of the same draft stays whole or nothing: 422 naming the due date, nothing stored', async () => {
    const { made, domains } = await auditInProgress();
    const { version, draft: before } = await reload(made.id);
    const bearer = await loginAs(t, made.auditor!.username);
    const refused = await t
      .http()
      .put(`/api/v1/audits/${made.id}/draft`)
      .set('Authorization', bearer)
      .send({
        version,
        domains: Object.fromEntries(domains.map((d) => [d.key, { grade: 'good', evidence: EVIDENCE }])),
        actions: [{ what: 'Review the plan', owner: 'Team manager', dueOn: '2027-02-31' }],
      })
      .expect(422);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['actions.0.dueOn']);
    const audit = await reload(made.id);
    expect([audit.version, audit.draft]).toEqual([version, before]);
  });
});
