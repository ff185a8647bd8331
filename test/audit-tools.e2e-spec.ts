import 'reflect-metadata';
import type { AuditToolDefinition } from '../workflows/audit-tool-definition.js';
import { AuditTool } from '../libs/audit-tools/audit-tool.entity.js';
import { AuditToolsService } from '../libs/audit-tools/audit-tools.service.js';
import { DEFAULT_AUDIT_TOOL } from './support/default-audit-tool.js';
import { testEngines } from './support/engines.js';
import { step } from './support/steps.js';
import { loginAs, newUser, Role, startTestApp, type TestApp } from './support/test-app.js';

const engines = await testEngines('audit-tools');

const withDomain = (definition: AuditToolDefinition, key: string, title: string): AuditToolDefinition => ({
  ...definition,
  domains: [...definition.domains, { key, title, guidance: [], cohorts: ['CP'] }],
});

describe.each(engines)(
  'audit tools as versioned data (HTTP, %s, real migrations)',
  (_engine, databaseUrl) => {
    let t: TestApp;
    let admin: string;
    let teamManager: string;
    let v1: { id: number; rowVersion: number; definition: AuditToolDefinition; publishedAt: string };
    let v2Id: number;

    beforeAll(async () => {
      t = await startTestApp(databaseUrl());
      await newUser(t.db, { username: 'admin', role: Role.Administrator });
      await newUser(t.db, { username: 'tm.one', role: Role.TeamManager });
      await newUser(t.db, { username: 'sw.one', role: Role.SocialWorker });
      admin = await loginAs(t, 'admin');
      teamManager = await loginAs(t, 'tm.one');
    });

    afterAll(async () => {
      await t?.close();
    });

    const get = (path: string, auth = admin) =>
      t.http().get(`/api/v1/audit-tools${path}`).set('Authorization', auth);
    const post = (path: string, body: object = {}, auth = admin) =>
      t.http().post(`/api/v1/audit-tools${path}`).set('Authorization', auth).send(body);
    const put = (path: string, body: object, auth = admin) =>
      t.http().put(`/api/v1/audit-tools${path}`).set('Authorization', auth).send(body);
    const current = (key?: string) => t.db.read((m) => t.app.get(AuditToolsService).currentPublished(m, key));

    // The standard tool has one lifecycle, each version built on the one before: one journey.
    it('takes the standard tool from v1 through a draft, an edit and publication of v2 to retiring v1', async () => {
      await step('lists the seeded standard v1, published, to every role', async () => {
        const worker = await loginAs(t, 'sw.one');
        const listed = await get('', worker).expect(200);
        expect(listed.body).toMatchObject({ page: 1, pageSize: 50, total: listed.body.items.length });
        const standard = listed.body.items.filter((tool: { key: string }) => tool.key === 'standard');
        expect(standard).toEqual([
          expect.objectContaining({ key: 'standard', version: 1, status: 'published', retiredAt: null }),
        ]);
        expect(standard[0].definition).toBeUndefined();
        const shown = await get(`/${standard[0].id}`, worker).expect(200);
        expect(shown.body).toMatchObject({ status: 'published', definition: DEFAULT_AUDIT_TOOL });
        expect(shown.body.problems).toBeUndefined();
        v1 = shown.body;
        await expect(current()).resolves.toMatchObject({ id: v1.id, version: 1 });
      });

      await step('drafts v2 from v1, and only one draft of a key at a time', async () => {
        const drafted = await post('', {
          key: 'standard',
          title: 'Case audit toolkit 2027',
          fromToolId: v1.id,
        }).expect(201);
        expect(drafted.body).toMatchObject({
          key: 'standard',
          version: 2,
          status: 'draft',
          publishedAt: null,
          createdBy: 'admin (administrator)',
          definition: DEFAULT_AUDIT_TOOL,
          problems: [],
        });
        v2Id = drafted.body.id;
        const second = await post('', { key: 'standard', title: 'Another', fromToolId: v1.id });
        expect(second.status).toBe(409);
        expect(second.body.detail).toContain(`version 2 (id ${v2Id})`);
      });

      await step('edits the draft with an optimistic check on rowVersion', async () => {
        const draft = (await get(`/${v2Id}`).expect(200)).body;
        const definition = withDomain(draft.definition, 'neglect', 'Neglect: impact on the child');
        const edited = await put(`/${v2Id}`, {
          definition,
          rowVersion: draft.rowVersion,
          title: 'Toolkit 2027',
        }).expect(200);
        expect(edited.body).toMatchObject({
          title: 'Toolkit 2027',
          rowVersion: draft.rowVersion + 1,
          definition,
        });
        const stale = await put(`/${v2Id}`, { definition: draft.definition, rowVersion: draft.rowVersion });
        expect(stale.status).toBe(409);
        expect(stale.body.code).toBe('STALE_UPDATE');
        await expect(get(`/${v2Id}`).then((r) => r.body.definition)).resolves.toEqual(definition);
      });

      await step('publishes v2 beside v1: both exist, v1 unchanged, currentPublished picks v2', async () => {
        const published = await post(`/${v2Id}/publish`).expect(200);
        expect(published.body).toMatchObject({ status: 'published', version: 2 });
        expect(Date.parse(published.body.publishedAt)).toBeGreaterThan(Date.parse(v1.publishedAt));
        expect(published.body.problems).toBeUndefined();
        await expect(get(`/${v1.id}`).then((r) => r.body)).resolves.toEqual(v1);
        const standard = (await get('').expect(200)).body.items.filter(
          (tool: { key: string }) => tool.key === 'standard',
        );
        expect(
          standard.map((tool: { version: number; status: string }) => [tool.version, tool.status]),
        ).toEqual([
          [2, 'published'],
          [1, 'published'],
        ]);
        await expect(current()).resolves.toMatchObject({ id: v2Id, version: 2 });
        await expect(current('standard')).resolves.toMatchObject({ id: v2Id });
        const again = await post(`/${v2Id}/publish`);
        expect(again.status).toBe(409);
        expect(again.body).toMatchObject({ state: 'published', event: 'PUBLISH' });
        const history = (await get(`/${v2Id}/history`).expect(200)).body.items;
        expect(history.map((h: { event: string; toState: string }) => `${h.event}->${h.toState}`)).toEqual([
          'CREATE->draft',
          'EDIT->draft',
          'PUBLISH->published',
        ]);
        expect(history[2].actorLabel).toBe('admin (administrator)');
      });

      await step('retires v1, but never the last published standard version', async () => {
        const retired = await post(`/${v1.id}/retire`).expect(200);
        expect(retired.body).toMatchObject({ status: 'retired', definition: DEFAULT_AUDIT_TOOL });
        expect(retired.body.retiredAt).toEqual(expect.any(String));
        const pinned = await t.db.read((m) => t.app.get(AuditToolsService).toolForAudit(m, v1.id));
        expect(pinned).toMatchObject({ version: 1, state: 'retired', definition: DEFAULT_AUDIT_TOOL });
        const last = await post(`/${v2Id}/retire`);
        expect(last.status).toBe(409);
        expect(last.body.detail).toContain('only published version');
        const twice = await post(`/${v1.id}/retire`);
        expect(twice.status).toBe(409);
        expect(twice.body).toMatchObject({ state: 'retired', event: 'RETIRE' });
        await expect(current()).resolves.toMatchObject({ id: v2Id });
        await expect(get('/9999').then((r) => r.status)).resolves.toBe(404);
        await expect(current('no_such_tool')).rejects.toMatchObject({ code: 'CONFLICT' });
      });

      await step(
        'lets one of two simultaneous drafts through, and one of two simultaneous retirements',
        async () => {
          const draft = () => post('', { key: 'standard', title: 'v3', fromToolId: v2Id });
          const drafts = await Promise.all([draft(), draft()]);
          expect(drafts.map((r) => r.status).sort()).toEqual([201, 409]);
          const v3 = drafts.find((r) => r.status === 201)!.body;
          await expect(
            t.db.read((m) => t.app.get(AuditToolsService).toolForAudit(m, v3.id)),
          ).rejects.toMatchObject({ code: 'CONFLICT' });
          await post(`/${v3.id}/publish`).expect(200);
          const retirements = await Promise.all([post(`/${v2Id}/retire`), post(`/${v3.id}/retire`)]);
          expect(retirements.map((r) => r.status).sort()).toEqual([200, 409]);
          await expect(
            t.db.read((m) => m.count(AuditTool, { where: { key: 'standard', state: 'published' } })),
          ).resolves.toBe(1);
        },
      );
    });

    it('refuses callers who are not logged in (401) and non-administrators who change tools (403)', async () => {
      const v1 = await current();
      const tools = await t.db.read((m) => m.count(AuditTool));
      await t.http().get('/api/v1/audit-tools').expect(401);
      await t
        .http()
        .post('/api/v1/audit-tools')
        .send({ key: 'standard', title: 'x', fromToolId: v1.id })
        .expect(401);
      await post('', { key: 'standard', title: 'x', fromToolId: v1.id }, teamManager).expect(403);
      await put(`/${v1.id}`, { definition: v1.definition, rowVersion: 1 }, teamManager).expect(403);
      await post(`/${v1.id}/publish`, {}, teamManager).expect(403);
      await post(`/${v1.id}/retire`, {}, teamManager).expect(403);
      await get(`/${v1.id}/history`, teamManager).expect(403);
      await expect(t.db.read((m) => m.count(AuditTool))).resolves.toBe(tools);
    });

    it('refuses to edit a published version (409 naming the state) and leaves it unchanged', async () => {
      // A published tool of its own: the standard tool's versions belong to the journey above.
      const drafted = await post('', {
        key: 'edit_check',
        title: 'Edit check',
        fromToolId: (await current()).id,
      }).expect(201);
      await post(`/${drafted.body.id}/publish`).expect(200);
      const published = (await get(`/${drafted.body.id}`).expect(200)).body;
      const response = await put(`/${published.id}`, {
        definition: { domains: [], compliance: [] },
        rowVersion: published.rowVersion,
      });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'published', event: 'EDIT' });
      await expect(get(`/${published.id}`).then((r) => r.body)).resolves.toEqual(published);
    });

    it('refuses invalid requests and unpublishable definitions with 422 naming the fields', async () => {
      const neither = await post('', { key: 'neglect_theme', title: 'Neglect' });
      expect(neither.status).toBe(422);
      expect(neither.body.errors).toEqual([expect.objectContaining({ field: 'definition' })]);
      const noSource = await post('', { key: 'neglect_theme', title: 'Neglect', fromToolId: 9999 });
      expect(noSource.status).toBe(422);
      expect(noSource.body.errors[0].field).toBe('fromToolId');
      const badShape = await post('', {
        key: 'Neglect Theme',
        title: 'Neglect',
        definition: { domains: [{ key: 'a', title: 7, colour: 'red' }], compliance: 'none' },
      });
      expect(badShape.status).toBe(422);
      expect([...new Set(badShape.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
        'definition.compliance',
        'definition.domains.0.colour',
        'definition.domains.0.title',
        'key',
      ]);

      const invalid = {
        domains: [
          { key: 'voice_of_child', title: 'Voice of the child' },
          { key: 'Bad Key', title: '   ' },
          { key: 'voice_of_child', title: 'Again', cohorts: ['CP', 'NOPE'] },
        ],
        compliance: [{ key: 'gp_details', question: '' }],
      };
      const drafted = await post('', { key: 'neglect_theme', title: 'Neglect', definition: invalid }).expect(
        201,
      );
      const fields = [
        'definition.domains[1].key',
        'definition.domains[1].title',
        'definition.domains[2].key',
        'definition.domains[2].cohorts[1]',
        'definition.compliance[0].question',
      ];
      expect(drafted.body.problems.map((p: { field: string }) => p.field)).toEqual(fields);
      const refused = await post(`/${drafted.body.id}/publish`);
      expect(refused.status).toBe(422);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(fields);

      const emptied = await put(`/${drafted.body.id}`, {
        definition: { domains: [], compliance: [] },
        rowVersion: drafted.body.rowVersion,
      }).expect(200);
      const empty = await post(`/${drafted.body.id}/publish`);
      expect(empty.status).toBe(422);
      expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'definition.domains' })]);

      const fixed = await put(`/${drafted.body.id}`, {
        definition: {
          domains: [{ key: 'neglect', title: 'Neglect', cohorts: ['CIN', 'CP'] }],
          compliance: [],
        },
        rowVersion: emptied.body.rowVersion,
      }).expect(200);
      expect(fixed.body.problems).toEqual([]);
      await post(`/${drafted.body.id}/publish`).expect(200);
      // Only the standard tool must keep a published version: a themed tool may be retired outright.
      await expect(post(`/${drafted.body.id}/retire`).then((r) => r.body.status)).resolves.toBe('retired');
    });

    it('documents the routes in OpenAPI', async () => {
      const spec = await t.http().get('/api/docs/openapi.json').expect(200);
      expect(Object.keys(spec.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/audit-tools',
          '/api/v1/audit-tools/{id}',
          '/api/v1/audit-tools/{id}/publish',
        ]),
      );
    });
  },
);
