import { AuditTool } from '../libs/audit-tools/audit-tool.entity.js';
import { webSignIn, type WebSession } from './support/web-session.js';
import { newUser, Role, sqliteTestUrl, startTestApp, type TestApp } from './support/test-app.js';

describe('the administrator’s audit-tool pages', () => {
  let t: TestApp;
  let admin: WebSession;
  let standardId: number;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('audit-tool-pages'));
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    await newUser(t.db, { username: 'tm.tools', role: Role.TeamManager });
    admin = await webSignIn(t, 'admin');
    standardId = (await t.db.read((m) => m.findOneByOrFail(AuditTool, { key: 'standard', version: 1 }))).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  const get = (path: string, s: WebSession = admin) => t.http().get(path).set('Cookie', s.cookie);
  const post = (path: string, form: Record<string, string> = {}, s: WebSession = admin) =>
    t
      .http()
      .post(path)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: s.csrf, ...form });
  const tools = () => t.db.read((m) => m.find(AuditTool, { order: { id: 'ASC' } }));
  const drafted = async () => {
    const copied = await post(`/admin/audit-tools/${standardId}/copy`);
    expect(copied.status).toBe(303);
    const id = Number(/\/admin\/audit-tools\/(\d+)\/edit/.exec(copied.headers.location as string)![1]);
    return { id, tool: await t.db.read((m) => m.findOneByOrFail(AuditTool, { id })) };
  };

  it('sends a visitor without a session to sign in, refuses other roles, and refuses a form without its token', async () => {
    const response = await t.http().get('/admin/audit-tools');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/login?returnTo=%2Fadmin%2Faudit-tools');
    const tm = await webSignIn(t, 'tm.tools');
    expect((await get('/admin/audit-tools', tm)).status).toBe(403);
    expect((await get(`/admin/audit-tools/${standardId}`, tm)).status).toBe(403);
    const before = (await tools()).length;
    const noToken = await t.http().post(`/admin/audit-tools/${standardId}/copy`).set('Cookie', admin.cookie);
    expect(noToken.status).toBe(403);
    expect((await tools()).length).toBe(before);
  });

  it('lists the versions by tool with their state and shows one with its domains and items', async () => {
    const list = await get('/admin/audit-tools').expect(200);
    expect(list.text).toContain('Tool “standard”');
    expect(list.text).toContain('Published');
    const one = await get(`/admin/audit-tools/${standardId}`).expect(200);
    expect(one.text).toContain('Domains');
    expect(one.text).toContain('Compliance items');
    expect(one.text).toContain('Draft a new version from this one');
  });

  it('drafts a copy, saves an edit, shows problems and bad JSON as errors, then publishes and retires', async () => {
    const { id, tool } = await drafted();
    const again = await post(`/admin/audit-tools/${standardId}/copy`);
    expect(again.status).toBe(409);
    expect(again.text).toContain('already has a draft');

    const badJson = await post(`/admin/audit-tools/${id}/edit`, {
      title: tool.title,
      definition: '{ "domains": [',
      rowVersion: String(tool.rowVersion),
    });
    expect(badJson.status).toBe(422);
    expect(badJson.text).toContain('The definition is not valid JSON');
    expect(badJson.text).toContain('{ &quot;domains&quot;: [');

    const shape = await post(`/admin/audit-tools/${id}/edit`, {
      title: tool.title,
      definition: JSON.stringify({ domains: 'none', compliance: [] }),
      rowVersion: String(tool.rowVersion),
    });
    expect(shape.status).toBe(422);
    expect(shape.text).toContain('(definition.domains)');

    const definition = structuredClone(tool.definition);
    definition.domains[1].key = 'Bad Key';
    const saved = await post(`/admin/audit-tools/${id}/edit`, {
      title: 'Case audit toolkit (2027)',
      definition: JSON.stringify(definition),
      rowVersion: String(tool.rowVersion),
    });
    expect(saved.status).toBe(303);
    const edit = await get(saved.headers.location as string).expect(200);
    expect(edit.text).toContain('Fix the problems listed before you publish it');
    expect(edit.text).toContain('Domain 2, key (definition.domains[1].key)');

    const stale = await post(`/admin/audit-tools/${id}/edit`, {
      title: 'x',
      definition: JSON.stringify(tool.definition),
      rowVersion: String(tool.rowVersion),
    });
    expect(stale.status).toBe(409);

    const refused = await post(`/admin/audit-tools/${id}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('href="#confirm"');
    expect((await t.db.read((m) => m.findOneByOrFail(AuditTool, { id }))).state).toBe('draft');

    const current = await t.db.read((m) => m.findOneByOrFail(AuditTool, { id }));
    await post(`/admin/audit-tools/${id}/edit`, {
      title: current.title,
      definition: JSON.stringify(tool.definition),
      rowVersion: String(current.rowVersion),
    }).expect(303);
    expect((await get(`/admin/audit-tools/${id}/publish`)).text).toContain(
      'Are you sure you want to publish',
    );
    const published = await post(`/admin/audit-tools/${id}/publish`);
    expect(published.status).toBe(303);
    expect((await get(published.headers.location as string)).text).toContain('has been published');
    const twice = await post(`/admin/audit-tools/${id}/publish`);
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('This version is published: only a draft can be published');

    const editPublished = await post(`/admin/audit-tools/${id}/edit`, {
      title: 'x',
      definition: JSON.stringify(tool.definition),
      rowVersion: String((await t.db.read((m) => m.findOneByOrFail(AuditTool, { id }))).rowVersion),
    });
    expect(editPublished.status).toBe(409);
    expect(editPublished.text).toContain('only a draft can be edited');

    const retired = await post(`/admin/audit-tools/${standardId}/retire`);
    expect(retired.status).toBe(303);
    expect((await get(retired.headers.location as string)).text).toContain('has been retired');
    const last = await post(`/admin/audit-tools/${id}/retire`);
    expect(last.status).toBe(409);
    expect(last.text).toContain('the only published version of the standard tool');
    expect((await t.db.read((m) => m.findOneByOrFail(AuditTool, { id }))).state).toBe('published');
  });
});
