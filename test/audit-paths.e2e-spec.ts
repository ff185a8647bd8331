import { AuditPathDriver, HTTP_EVENTS, type PathPlan } from './support/audit-paths-driver.js';
import {
  ALL_EVENT_TYPES,
  allStateKeys,
  type AuditPath,
  describePath,
  EXTRA_SIMPLE_PATHS,
  FIRST,
  SHORTEST_PATHS,
} from './support/audit-paths-model.js';
import type { AuditLine } from '../libs/cycles/cycle-document.js';
import { testEngines } from './support/engines.js';
import { allPages } from './support/pages.js';
import { registerCsv } from './support/register-files.js';
import { loginAs, newOrg, newUser, Role, startTestApp, type TestApp } from './support/test-app.js';

/**
 * Paths generated from the audit machine with @xstate/graph, each driven through the HTTP API on
 * a fresh audit: after every step the API must report the state the machine is in, and in every
 * state it rests in, the events the machine refuses there must be refused over HTTP.
 *
 * Two themed cycles, one app, one database per engine (SQLite, and PostgreSQL). In each, cases worked by "Sam Worker" are
 * drawn to "auditor", the only auditor at the draw; cases worked under the auditor's own name
 * conflict with them and stay unallocated. "relief" and "cover" join after the draw.
 */
const AUDITOR_NAME = 'Ava Auditor';
const TEAMS = { moderated: 'Moderated CP', confirmed: 'Confirmed CP' } as const;

function planFor(group: 'shortest' | 'simple', path: AuditPath): PathPlan {
  const types = path.steps.map((s) => s.event.type);
  // Shortest paths start from the draw, as most audits do; the longer simple paths start from an
  // audit the draw could not allocate (conflicted with "auditor"), allocated by hand.
  const drawn = group === 'shortest' && types[1] === 'ALLOCATE';
  return {
    label: `${group}: ${describePath(path)}`,
    path,
    cycle: types.includes('SEND_TO_MODERATION') ? 'moderated' : 'confirmed',
    drawn,
    auditors: drawn ? ['auditor', 'relief'] : ['relief', 'cover'],
  };
}

// Each auditor's first submitted audit of the quarter goes to moderation whatever the cycle's rate;
// these submit one each first, so that afterwards the rate alone decides.
const TO_SUBMITTED = SHORTEST_PATHS.find(
  (p) =>
    p.state.matches('submitted') && p.state.context.auditorId === FIRST && p.state.context.escalations === 0,
)!;
const WARM_UP: PathPlan[] = (
  [
    [true, ['auditor', 'relief']],
    [false, ['relief', 'cover']],
    [false, ['cover', 'relief']],
  ] as const
).map(([drawn, auditors]) => ({
  label: `${auditors[0]}: ${describePath(TO_SUBMITTED)}`,
  path: TO_SUBMITTED,
  cycle: 'confirmed',
  drawn,
  auditors: [...auditors],
}));
const PLANS = [
  ...SHORTEST_PATHS.map((p) => planFor('shortest', p)),
  ...EXTRA_SIMPLE_PATHS.map((p) => planFor('simple', p)),
];

const engines = await testEngines('audit-paths');

describe.each(engines)(
  'audit machine paths driven over HTTP (%s, real migrations)',
  (_engine, databaseUrl) => {
    let t: TestApp;
    let driver: AuditPathDriver;
    const people = new Map<string, { id: number; token: string }>();
    /** Audit ids not yet used, by cycle and by whether the draw allocated them. */
    const pools = new Map<string, number[]>();
    const poolKey = (plan: PathPlan) => `${plan.cycle}:${plan.drawn ? 'drawn' : 'unallocated'}`;

    const addPerson = async (
      username: string,
      role: Role,
      extra: { name?: string; localityId?: number } = {},
    ) => {
      const id = await newUser(t.db, {
        username,
        role,
        displayName: extra.name,
        localityId: extra.localityId,
      });
      people.set(username, { id, token: await loginAs(t, username) });
    };

    beforeAll(async () => {
      t = await startTestApp(databaseUrl());
      const org = await newOrg(t.db, [
        [TEAMS.moderated, 'North', 'CP'],
        [TEAMS.confirmed, 'North', 'CP'],
      ]);
      await addPerson('admin', Role.Administrator);
      await addPerson('auditor', Role.AdvancedPractitioner, { name: AUDITOR_NAME });
      await addPerson('moderator', Role.Moderator);
      await addPerson('hos.north', Role.HeadOfService, { localityId: org.localities.get('North')! });
      // Owns the action each graded audit proposes, so a completed audit waits for it.
      await addPerson('owner', Role.SocialWorker, { localityId: org.localities.get('North')! });

      const needed = new Map<string, number>();
      for (const plan of [...WARM_UP, ...PLANS])
        needed.set(poolKey(plan), (needed.get(poolKey(plan)) ?? 0) + 1);
      const casesOf = (cycle: keyof typeof TEAMS) =>
        (['drawn', 'unallocated'] as const).flatMap((kind) =>
          Array.from({ length: needed.get(`${cycle}:${kind}`) ?? 0 }, (_, i) => ({
            ref: `${cycle.slice(0, 3).toUpperCase()}-${kind[0].toUpperCase()}${i + 1}`,
            cohort: 'CP',
            team: TEAMS[cycle],
            worker: kind === 'drawn' ? 'Sam Worker' : AUDITOR_NAME,
          })),
        );
      const cases = [...casesOf('moderated'), ...casesOf('confirmed')];
      await t
        .http()
        .post('/api/v1/cases/import')
        .set('Authorization', people.get('admin')!.token)
        .field('asOf', '2026-11-30')
        .attach('files', Buffer.from(registerCsv(cases)), 'register.csv')
        .expect(201);

      for (const cycle of ['moderated', 'confirmed'] as const) {
        const opened = await t
          .http()
          .post('/api/v1/cycles')
          .set('Authorization', people.get('admin')!.token)
          .send({
            month: '2026-12',
            kind: 'themed',
            title: `Audit paths (${cycle})`,
            count: casesOf(cycle).length,
            tier3Count: 0,
            seed: `audit-paths-${cycle}`,
            moderationRate: cycle === 'moderated' ? 1 : 0,
            filter: { teams: [TEAMS[cycle]] },
          })
          .expect(201);
        const audits = await allPages<AuditLine>(
          t,
          `/api/v1/cycles/${opened.body.id}/audits`,
          people.get('admin')!.token,
        );
        expect(audits).toHaveLength(casesOf(cycle).length);
        for (const kind of ['drawn', 'unallocated'] as const) {
          const mine = audits.filter((a) => (kind === 'drawn') === a.caseRef.includes('-D'));
          expect(mine.map((a) => [a.state, a.auditorUsername])).toEqual(
            mine.map(() => (kind === 'drawn' ? ['allocated', 'auditor'] : ['unallocated', null])),
          );
          pools.set(
            `${cycle}:${kind}`,
            mine.map((a) => a.auditId),
          );
        }
      }
      // Not in the pool at the draw: they take over audits by reallocation only.
      await addPerson('relief', Role.AdvancedPractitioner);
      await addPerson('cover', Role.AdvancedPractitioner);

      driver = new AuditPathDriver(t, people, (plan) => {
        const id = pools.get(poolKey(plan))?.shift();
        if (id === undefined) throw new Error(`no audit left in ${poolKey(plan)}`);
        return id;
      });
    });

    afterAll(async () => {
      await t?.close();
    });

    // Each test drives what it needs, in whatever order the tests run: a plan is driven once, and an
    // auditor's quarterly first submission (always moderated) comes before any path that expects
    // the rate alone to decide.
    const driven = new Map<PathPlan, Promise<void>>();
    const driveOnce = (plan: PathPlan) => {
      if (!driven.has(plan)) driven.set(plan, driver.drive(plan));
      return driven.get(plan)!;
    };
    const warmUp = async (auditor: string) => {
      if (driver.moderatedThisQuarter.has(auditor)) return;
      await driveOnce(WARM_UP.find((plan) => plan.auditors[0] === auditor)!);
    };
    const drivePath = async (plan: PathPlan) => {
      if (plan.cycle === 'confirmed') for (const auditor of plan.auditors) await warmUp(auditor);
      await driveOnce(plan);
    };

    it("sends each auditor's first audit of the quarter to moderation, whatever the rate", async () => {
      for (const plan of WARM_UP) await warmUp(plan.auditors[0]);
      expect([...driver.moderatedThisQuarter].sort()).toEqual(['auditor', 'cover', 'relief']);
    });

    it.each(PLANS.map((plan) => [plan.label, plan] as const))('%s', async (_label, plan) => {
      await drivePath(plan);
    });

    it('reached every state of the machine over HTTP, except closed', async () => {
      for (const plan of PLANS) await drivePath(plan);
      // `closed` needs CLOSE, which has no HTTP route until the actions feature adds one: each path
      // into it stopped at `completed` after checking that POST /audits/:id/close does not exist.
      // When that route arrives, these two expectations fail, and closed joins the coverage.
      const states = allStateKeys();
      expect(states).toContain('closed');
      expect([...driver.reached].sort()).toEqual(states.filter((s) => s !== 'closed').sort());
      expect(ALL_EVENT_TYPES.filter((e) => !driver.driven.has(e))).toEqual(['CLOSE']);
      // Every event with a route was also refused over HTTP in some state that does not take it.
      expect([...driver.probed].sort()).toEqual([...HTTP_EVENTS].sort());
    });

    it('has no HTTP route for CLOSE yet', async () => {
      const openapi = await t.http().get('/api/docs/openapi.json').expect(200);
      const routes = Object.keys(openapi.body.paths as object);
      expect(routes).toContain('/api/v1/audits/{id}/withdraw');
      expect(routes.filter((r) => r.startsWith('/api/v1/audits/') && /close/i.test(r))).toEqual([]);
    });
  },
);
