import fc from 'fast-check';
import { attacks, type Attack, type RouteShape } from './support/bad-input-arbitraries.js';
import { badInputWorld, type BadInputWorld } from './support/bad-input-world.js';
import { testEngines } from './support/engines.js';

/**
 * No request produces a 500: every class of bad input found in the attacker's pass (deep
 * nesting, malformed JSON, wrong media types, huge bodies, nested query values, calendar edges,
 * odd numbers and ids, prototype-named keys, blank and over-long text, wrong types) is thrown at
 * the public login route and at two authenticated writes, on every engine (PostgreSQL is where
 * integer and varchar overflows show). Only 4xx problem+json (or a success) may come back.
 */
const engines = await testEngines('no-500');
const RUNS = Number(process.env.NO_500_RUNS ?? 60);

describe.each(engines)('no request produces a 500 (%s)', (_engine, databaseUrl) => {
  let world: BadInputWorld;

  beforeAll(async () => {
    world = await badInputWorld(databaseUrl());
  });

  afterAll(async () => {
    await world?.t.close();
  });

  async function send(method: 'post' | 'put', route: RouteShape, token: string | null, attack: Attack) {
    let request = world.t.http()[method](`${attack.path ?? route.path}${attack.query ?? ''}`);
    if (token) request = request.set('Authorization', token);
    if (attack.contentType) request = request.set('Content-Type', attack.contentType);
    const response = await request.send(attack.body as string | object);
    const summary = `${attack.kind}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`;
    expect({ summary, serverError: response.status >= 500 }).toEqual({ summary, serverError: false });
    if (response.status >= 400)
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  }

  const property = (method: 'post' | 'put', route: () => RouteShape, token: () => string | null) =>
    fc.assert(
      fc.asyncProperty(attacks(route()), (attack) => send(method, route(), token(), attack)),
      { numRuns: RUNS },
    );

  it('POST /auth/login, before any authentication', async () => {
    await property(
      'post',
      () => ({
        path: '/api/v1/auth/login',
        base: { username: 'auditor', password: 'not-the-password' },
        dates: [],
        numbers: [],
        texts: ['username', 'password'],
        maps: [],
      }),
      () => null,
    );
  });

  it('PUT /audits/:id/draft, as the auditor', async () => {
    await property(
      'put',
      () => ({
        path: `/api/v1/audits/${world.auditIds[0]}/draft`,
        base: {
          version: 2,
          domains: { plan: { grade: 'good' } },
          actions: [{ what: 'Update the plan', owner: 'Team manager', dueOn: '2099-01-31' }],
        },
        dates: [],
        numbers: ['version'],
        texts: ['improved'],
        maps: ['domains', 'compliance'],
      }),
      () => world.auditor,
    );
  });

  it('POST /cycles, as the administrator', async () => {
    await property(
      'post',
      () => ({
        path: '/api/v1/cycles',
        base: { month: '2027-03', kind: 'themed', title: 'Neglect', count: 2, tier3Count: 0 },
        dates: ['month', 'asOf', 'deadline'],
        numbers: ['count', 'rate', 'auditToolId', 'excludeMonths', 'tier3Count', 'moderationRate'],
        texts: ['title', 'seed'],
        maps: ['filter'],
      }),
      () => world.admin,
    );
  });

  it('action due dates and route ids in the draft, with every calendar edge', async () => {
    const dueOn = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('9999-12-31', '2026-02-29', '0000-01-01'),
    );
    await fc.assert(
      fc.asyncProperty(dueOn, async (date) => {
        const response = await world.t
          .http()
          .put(`/api/v1/audits/${world.auditIds[0]}/draft`)
          .set('Authorization', world.auditor)
          .send({ version: 2, actions: [{ what: 'Plan', owner: 'TM', dueOn: date }] });
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});
