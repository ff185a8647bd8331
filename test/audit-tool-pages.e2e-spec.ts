import { AuditTool } from '../libs/audit-tools/audit-tool.entity.js';
import { AuditToolsService } from '../libs/audit-tools/index.js';
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
  const post = (path: string, form: Record<string, string | string[]> = {}, s: WebSession = admin) =>
    t
      .http()
      .post(path)
      .set('Cookie', s.cookie)
      .type('form')
      .send({ _csrf: s.csrf, ...form });
  /** The JSON upload page's form: a file and the rowVersion read. */
  const upload = (id: number, json: string, rowVersion: number | string) =>
    t
      .http()
      .post(`/admin/audit-tools/${id}/upload`)
      .set('Cookie', admin.cookie)
      .field('_csrf', admin.csrf)
      .field('rowVersion', String(rowVersion))
      .attach('file', Buffer.from(json), { filename: 'tool.json', contentType: 'application/json' });
  /** A draft of a tool of its own, so that no test's draft stands in another's way. */
  const ownDraft = async (key: string) => {
    const view = await t.app
      .get(AuditToolsService)
      .createDraft({ key, title: `Tool ${key}`, fromToolId: standardId }, { id: null, label: 'test' });
    return t.db.read((m) => m.findOneByOrFail(AuditTool, { id: view.id }));
  };
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

    const badJson = await upload(id, '{ "domains": [', tool.rowVersion);
    expect(badJson.status).toBe(422);
    expect(badJson.text).toContain('The selected file is not valid JSON');
    expect(badJson.text).toContain('href="#file"');

    const shape = await upload(id, JSON.stringify({ domains: 'none', compliance: [] }), tool.rowVersion);
    expect(shape.status).toBe(422);
    expect(shape.text).toContain('(definition.domains)');

    const definition = structuredClone(tool.definition);
    definition.domains[1].key = 'Bad Key';
    const saved = await upload(id, JSON.stringify(definition), tool.rowVersion);
    expect(saved.status).toBe(303);
    const edit = await get(saved.headers.location as string).expect(200);
    expect(edit.text).toContain('Fix the problems listed before you publish it');
    expect(edit.text).toContain(`Domain 2 (${definition.domains[1].title}): the key must be lower case`);
    expect(edit.text).toContain('href="#domains-1-key"');

    const stale = await upload(id, JSON.stringify(tool.definition), tool.rowVersion);
    expect(stale.status).toBe(409);

    const refused = await post(`/admin/audit-tools/${id}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('href="#confirm"');
    expect((await t.db.read((m) => m.findOneByOrFail(AuditTool, { id }))).state).toBe('draft');

    const current = await t.db.read((m) => m.findOneByOrFail(AuditTool, { id }));
    await upload(id, JSON.stringify(tool.definition), current.rowVersion).expect(303);
    expect((await get(`/admin/audit-tools/${id}/publish`)).text).toContain(
      'Are you sure you want to publish',
    );
    const published = await post(`/admin/audit-tools/${id}/publish`);
    expect(published.status).toBe(303);
    expect((await get(published.headers.location as string)).text).toContain('has been published');
    const twice = await post(`/admin/audit-tools/${id}/publish`);
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('This version is published: only a draft can be published');

    const editPublished = await upload(
      id,
      JSON.stringify(tool.definition),
      (await t.db.read((m) => m.findOneByOrFail(AuditTool, { id }))).rowVersion,
    );
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

  it('downloads a version’s definition as JSON, and uploads it back into a draft unchanged', async () => {
    const standard = await t.db.read((m) => m.findOneByOrFail(AuditTool, { id: standardId }));
    const download = await get(`/admin/audit-tools/${standardId}/definition.json`).expect(200);
    expect(download.headers['content-type']).toMatch(/^application\/json/);
    expect(download.headers['content-disposition']).toBe(
      'attachment; filename=audit-tool-standard-version-1.json',
    );
    expect(JSON.parse(download.text)).toEqual(standard.definition);

    const draft = await ownDraft('json_file');
    const changed = structuredClone(standard.definition);
    changed.domains.reverse();
    await upload(draft.id, JSON.stringify(changed), draft.rowVersion).expect(303);
    const afterChange = await t.db.read((m) => m.findOneByOrFail(AuditTool, { id: draft.id }));
    expect(afterChange.definition).toEqual(changed);
    await upload(draft.id, download.text, afterChange.rowVersion).expect(303);
    const back = await t.db.read((m) => m.findOneByOrFail(AuditTool, { id: draft.id }));
    expect(back.definition).toEqual(standard.definition);
    expect((await get(`/admin/audit-tools/${draft.id}/upload`)).text).toContain('Upload a JSON file');
    const empty = await t
      .http()
      .post(`/admin/audit-tools/${draft.id}/upload`)
      .set('Cookie', admin.cookie)
      .field('_csrf', admin.csrf)
      .field('rowVersion', String(back.rowVersion));
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Select a JSON file');
  });

  it('saves the editor’s form through the same DTO: adding a row stores nothing, a refusal keeps every value', async () => {
    const draft = await ownDraft('form_editor');
    const form: Record<string, string | string[]> = {
      title: draft.title,
      rowVersion: String(draft.rowVersion),
    };
    draft.definition.domains.forEach((d, i) => {
      Object.assign(form, { [`domains-${i}-title`]: d.title, [`domains-${i}-key`]: d.key });
      form[`domains-${i}-guidance`] = d.guidance.join('\n');
      if (d.cohorts) form[`domains-${i}-cohorts`] = d.cohorts;
    });
    draft.definition.compliance.forEach((c, i) => {
      Object.assign(form, { [`items-${i}-question`]: c.question, [`items-${i}-key`]: c.key });
      if (c.cohorts) form[`items-${i}-cohorts`] = c.cohorts;
    });
    const n = draft.definition.domains.length;
    const added = await post(`/admin/audit-tools/${draft.id}/edit`, { ...form, action: 'add-domains' });
    expect(added.status).toBe(200);
    expect(added.text).toContain(`Domain ${n + 1} added.`);
    expect(added.text).toContain(`id="domains-${n}-title"`);
    const unchanged = await t.db.read((m) => m.findOneByOrFail(AuditTool, { id: draft.id }));
    expect(unchanged.rowVersion).toBe(draft.rowVersion);

    const tooLong = 'x'.repeat(201);
    const refused = await post(`/admin/audit-tools/${draft.id}/edit`, {
      ...form,
      'domains-1-title': tooLong,
      [`domains-${n}-title`]: 'Typed but not saved',
      [`domains-${n}-guidance`]: 'A question typed into the new domain?',
      action: 'save',
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Domain 2 (xxxxxxxx');
    expect(refused.text).toContain('href="#domains-1-title"');
    expect(refused.text).toContain(tooLong);
    expect(refused.text).toContain('A question typed into the new domain?');

    const saved = await post(`/admin/audit-tools/${draft.id}/edit`, {
      ...form,
      [`domains-${n}-title`]: 'Management oversight',
      [`domains-${n}-guidance`]: 'Is supervision recorded?\n\nIs it reflective?',
      [`domains-${n}-cohorts`]: ['CP', 'CLA'],
    });
    expect(saved.status).toBe(303);
    const stored = await t.db.read((m) => m.findOneByOrFail(AuditTool, { id: draft.id }));
    expect(stored.definition.domains).toEqual([
      ...draft.definition.domains,
      {
        key: 'management_oversight',
        title: 'Management oversight',
        guidance: ['Is supervision recorded?', 'Is it reflective?'],
        cohorts: ['CP', 'CLA'],
      },
    ]);
    expect(stored.definition.compliance).toEqual(draft.definition.compliance);
  });
});
