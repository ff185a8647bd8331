import { AuditToolsService } from '../libs/audit-tools/index.js';
import { PlanItemsService } from '../libs/actions/index.js';
import { WorkflowRunner } from '../libs/persistence/index.js';
import { AuditsService } from '../libs/audits/audits.service.js';
import { EscalationsService } from '../libs/audits/escalations.service.js';
import { CasesImportService } from '../libs/cases/cases-import.service.js';
import { PasswordHasher } from '../libs/auth/password-hasher.js';
import { CycleReadsService } from '../libs/cycles/cycle-reads.service.js';
import { CyclesService } from '../libs/cycles/cycles.service.js';
import { DEMO_PASSWORD, DemoService } from '../libs/demo/index.js';
import { User } from '../libs/org/user.entity.js';
import { testEngines } from './support/engines.js';
import { authenticated } from './support/factories.js';
import { allPages } from './support/pages.js';
import { Role, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn } from './support/web-session.js';

/**
 * Issue 11, point 2: every list is scoped like the record it lists. Every list route, as every
 * user of the demo council (every role), returns only audits that the same user may open one by
 * one, and every total and count equals the number of such audits.
 */
const engines = await testEngines('list-scope');

interface Listed {
  auditId: number;
  state?: string;
}

describe.each(engines)('every list of audits, as every demo user (%s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let cycleId: number;
  let month: string;
  const tokens = new Map<string, { token: string; role: Role }>();

  beforeAll(async () => {
    // 120 sign-ins: what is tested is what each user may list, not argon2, so the hash check is
    // stood in for (the sign-in and the bearer-token sessions are the real ones).
    t = await startTestApp(databaseUrl(), {
      override: (builder) =>
        builder.overrideProvider(PasswordHasher).useValue({
          hash: async () => 'not-checked',
          verify: async () => true,
        }),
    });
    const get = <T>(type: new (...args: never[]) => T) => t.app.get(type);
    const demo = new DemoService(
      t.db,
      get(CasesImportService),
      get(CyclesService),
      get(CycleReadsService),
      get(AuditsService),
      get(AuditToolsService),
      t.clock,
      get(PlanItemsService),
      get(WorkflowRunner),
    );
    const loaded = await demo.load({ ifEmpty: false });
    cycleId = loaded.cycle!.id;
    month = loaded.cycle!.month;
    const users = await t.db.read((m) => m.find(User, { order: { id: 'ASC' } }));
    // Escalations to list: raised by the auditors of the audits in progress.
    const lines = await t.app.get(CycleReadsService).showWithAudits({ id: cycleId });
    for (const line of lines.audits.filter((a) => a.state === 'inProgress').slice(0, 3)) {
      const auditor = users.find((u) => u.username === line.auditorUsername)!;
      await t.app
        .get(EscalationsService)
        .raise(line.auditId, 'A child is at risk tonight', await authenticated(t.db, auditor.id));
    }
    for (const user of users) {
      const response = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: DEMO_PASSWORD })
        .expect(200);
      tokens.set(user.username, { token: `Bearer ${response.body.token as string}`, role: user.role });
    }
  });

  afterAll(() => t?.close());

  const status = async (path: string, token: string) =>
    (await t.http().get(path).set('Authorization', token)).status;

  /** Every item of a list route, or null when the route refuses the role (403). */
  async function listed(path: string, token: string): Promise<Listed[] | null> {
    // One page of 25 first: its total is counted by the count query, apart from the items.
    const first = await t
      .http()
      .get(`${path}${path.includes('?') ? '&' : '?'}pageSize=25`)
      .set('Authorization', token);
    if (first.status === 403) return null;
    expect([path, first.status]).toEqual([path, 200]);
    const items =
      first.body.total > 25 ? await allPages<Listed>(t, path, token) : (first.body.items as Listed[]);
    // The total a page reports counts the items the lists give, and nothing they hide.
    expect([path, first.body.total]).toEqual([path, items.length]);
    return items;
  }

  it('lists only audits each user may read one by one, with totals and figures that count only those', async () => {
    const readable = new Map<string, Map<number, boolean>>();
    const mayRead = async (username: string, token: string, auditId: number) => {
      const seen = readable.get(username) ?? new Map<number, boolean>();
      readable.set(username, seen);
      if (!seen.has(auditId)) seen.set(auditId, (await status(`/api/v1/audits/${auditId}`, token)) === 200);
      return seen.get(auditId)!;
    };
    const inCycle = new Map<string, number>();
    const routes = [
      `/api/v1/cycles/${cycleId}/audits`,
      `/api/v1/cycles/${cycleId}/audits?state=inModeration`,
      `/api/v1/cycles/${cycleId}/audits?team=North%20CIN%201`,
      '/api/v1/my/audits',
      '/api/v1/my/audits?group=drafts',
      '/api/v1/my/case-audits',
      '/api/v1/moderation/queue',
      '/api/v1/escalations',
      '/api/v1/audits',
      '/api/v1/audits?state=inProgress',
    ];
    const sawAny = new Map<string, number>();
    for (const [username, { token, role }] of tokens) {
      for (const route of routes) {
        const items = await listed(route, token);
        if (items === null) continue;
        for (const item of items) {
          expect([username, route, item.auditId, await mayRead(username, token, item.auditId)]).toEqual([
            username,
            route,
            item.auditId,
            true,
          ]);
        }
        sawAny.set(`${role} ${route}`, Math.max(sawAny.get(`${role} ${route}`) ?? 0, items.length));
        if (route === `/api/v1/cycles/${cycleId}/audits`) {
          inCycle.set(username, items.length);
          await expectFiguresOf(username, token, role, items);
        }
        if (route === '/api/v1/my/audits') {
          const counts = await t
            .http()
            .get('/api/v1/my/audits/counts')
            .set('Authorization', token)
            .expect(200);
          const sum = Object.values(counts.body as Record<string, number>).reduce((a, b) => a + b, 0);
          expect([username, sum]).toEqual([username, items.length]);
        }
      }
      // The cycle's history names audits across the council: for those who read them all.
      const history = await status(`/api/v1/cycles/${cycleId}/history`, token);
      expect([username, history]).toEqual([
        username,
        [Role.Administrator, Role.Director].includes(role) ? 200 : 403,
      ]);
    }
    // Not vacuous: the council's whole cycle for the administrator, a part of it for a head of
    // service, their case audits for some social worker, a queue for the moderator.
    const all = inCycle.get('admin')!;
    expect(all).toBeGreaterThan(200);
    expect(inCycle.get('director')).toBe(all);
    expect(inCycle.get('hos.north')).toBeGreaterThan(0);
    expect(inCycle.get('hos.north')).toBeLessThan(all);
    expect(sawAny.get(`${Role.SocialWorker} /api/v1/my/case-audits`)).toBeGreaterThan(0);
    expect(sawAny.get(`${Role.Moderator} /api/v1/moderation/queue`)).toBeGreaterThan(0);
    expect(sawAny.get(`${Role.HeadOfService} /api/v1/escalations`)).toBeGreaterThan(0);
    expect(sawAny.get(`${Role.SeniorManager} /api/v1/cycles/${cycleId}/audits`)).toBeGreaterThan(0);
  });

  /** The cycle in the list, by id and by month: counts of the audits the user may list, no more. */
  async function expectFiguresOf(username: string, token: string, role: Role, items: Listed[]) {
    const byState: Record<string, number> = {};
    for (const item of items) byState[item.state!] = (byState[item.state!] ?? 0) + 1;
    const documents = [
      (await t.http().get(`/api/v1/cycles/${cycleId}`).set('Authorization', token).expect(200)).body,
      (await t.http().get(`/api/v1/cycles/monthly/${month}`).set('Authorization', token).expect(200)).body,
      (await allPages<{ id: number }>(t, '/api/v1/cycles', token)).find((c) => c.id === cycleId),
    ] as {
      auditCount: number;
      byState: Record<string, number>;
      selected: number | null;
      strata: unknown[];
    }[];
    const whole = role === Role.Administrator || role === Role.Director;
    for (const document of documents) {
      expect([username, document.auditCount]).toEqual([username, items.length]);
      const nonZero = Object.fromEntries(Object.entries(document.byState).filter(([, n]) => n > 0));
      expect([username, nonZero]).toEqual([username, byState]);
      if (!whole && 'selected' in document) {
        expect([username, document.selected, document.strata]).toEqual([username, null, []]);
      }
    }
  }

  it('shows on the pages of these lists no case its reader may not open', async () => {
    const all = (await listed(`/api/v1/cycles/${cycleId}/audits`, tokens.get('admin')!.token)) as (Listed & {
      caseRef: string;
    })[];
    const pages: [string, string[]][] = [
      ['hos.north', ['/oversight', '/escalations']],
      ['sm1.north', ['/audits']],
      ['moderator', ['/moderation', '/moderation?show=moderated']],
      ['sw1.north-cin-1', ['/case-audits']],
      ['tm.north-cin-1', ['/audits']],
    ];
    for (const [username, paths] of pages) {
      const mine = new Set(
        [
          ...((await listed(`/api/v1/cycles/${cycleId}/audits`, tokens.get(username)!.token)) ?? []),
          ...((await listed('/api/v1/my/audits', tokens.get(username)!.token)) ?? []),
          ...((await listed('/api/v1/my/case-audits', tokens.get(username)!.token)) ?? []),
          ...((await listed('/api/v1/moderation/queue', tokens.get(username)!.token)) ?? []),
          ...((await listed('/api/v1/audits', tokens.get(username)!.token)) ?? []),
        ].map((item) => item.auditId),
      );
      const hidden = all.filter((audit) => !mine.has(audit.auditId)).map((audit) => audit.caseRef);
      const web = await webSignIn(t, username, DEMO_PASSWORD);
      for (const path of paths) {
        const page = await t.http().get(path).set('Cookie', web.cookie).expect(200);
        expect([username, path, hidden.filter((ref) => page.text.includes(ref))]).toEqual([
          username,
          path,
          [],
        ]);
      }
    }
  });

  it('links on a team manager’s Team audits only audits they may open, and counts just those', async () => {
    const { token } = tokens.get('tm.north-cin-1')!;
    const web = await webSignIn(t, 'tm.north-cin-1', DEMO_PASSWORD);
    const page = await t.http().get('/team-audits?pageSize=100').set('Cookie', web.cookie).expect(200);
    // The page shows past months' audits too, whose cases may be in this cycle: so by audit, not case.
    const linked = [...page.text.matchAll(/href="\/audits\/(\d+)"/g)].map((match) => Number(match[1]));
    expect(linked.length).toBeGreaterThan(0);
    for (const auditId of linked) {
      expect([auditId, await status(`/api/v1/audits/${auditId}`, token)]).toEqual([auditId, 200]);
    }
    expect(page.text).toContain(`${linked.length} audit${linked.length === 1 ? '' : 's'}, the newest first`);
  });

  it('refuses the access log of an audit to all but the director and administrators', async () => {
    const [{ auditId }] = (await listed(`/api/v1/cycles/${cycleId}/audits`, tokens.get('admin')!.token))!;
    for (const [username, { token, role }] of tokens) {
      const expected = [Role.Administrator, Role.Director].includes(role) ? 200 : 403;
      expect([username, await status(`/api/v1/audits/${auditId}/access`, token)]).toEqual([
        username,
        expected,
      ]);
    }
  });
});
