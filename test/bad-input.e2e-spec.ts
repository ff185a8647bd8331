import { completeDraft } from './support/audit-fixtures.js';
import { badInputWorld, type BadInputWorld } from './support/bad-input-world.js';
import { sqliteTestUrl } from './support/test-app.js';

/** Each class of bad input the attacker's pass found: a 4xx problem+json naming what is wrong, where. */
describe('bad input is refused, naming the problem (HTTP, SQLite file)', () => {
  let w: BadInputWorld;
  const http = () => w.t.http();
  const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
  const versionOf = async (id: number) =>
    (await http().get(`/api/v1/audits/${id}`).set('Authorization', w.admin).expect(200)).body
      .version as number;
  const json = (method: 'post' | 'put', path: string, token: string | null, raw: string) => {
    const request = http()[method](path).set('Content-Type', 'application/json');
    return (token ? request.set('Authorization', token) : request).send(raw);
  };

  beforeAll(async () => {
    w = await badInputWorld(sqliteTestUrl('bad-input'));
  });

  afterAll(async () => {
    await w?.t.close();
  });

  describe('request shape, before authentication', () => {
    it('refuses deeply nested JSON with a 400 naming the depth, not a stack overflow', async () => {
      const deep = '['.repeat(20_000) + ']'.repeat(20_000);
      const response = await json('post', '/api/v1/auth/login', null, deep).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.detail).toMatch(/nested more than 10 levels/);
      const field = await json(
        'post',
        '/api/v1/auth/login',
        null,
        `{"username":${'{"a":'.repeat(50)}1${'}'.repeat(50)}}`,
      );
      expect(field.status).toBe(400);
      expect(fields(field.body)[0]).toMatch(/^username\.a\.a/);
    });

    it.each([
      ['malformed JSON', 'application/json', '{"username":', 400],
      ['plain text', 'text/plain', 'admin', 415],
      ['a form', 'application/x-www-form-urlencoded', 'username=admin&password=x', 415],
      ['XML', 'application/xml', '<login/>', 415],
    ])('refuses %s', async (_what, type, body, status) => {
      const response = await http().post('/api/v1/auth/login').set('Content-Type', type).send(body);
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('refuses a body over the limit with a 413', async () => {
      const huge = JSON.stringify({ username: 'x'.repeat(1_100_000), password: 'x' });
      await json('post', '/api/v1/auth/login', null, huge).expect(413);
    });

    it.each([
      ['?page[a]=1', 'page[a]'],
      ['?month[]=2026-12', 'month[]'],
      ['?page=1&page=2', 'page'],
      ['?__proto__=1', '__proto__'],
    ])('refuses the query %s with a 400 naming the parameter', async (query, field) => {
      const response = await http().get(`/api/v1/cycles${query}`).set('Authorization', w.admin).expect(400);
      expect(fields(response.body)).toEqual([field]);
    });
  });

  describe('ids', () => {
    it.each(['0x10', '1e3', '016', '+1', '1.0', '0', '-1', '9007199254740993', '2147483648', '%201'])(
      'refuses the route id %j with a 422 naming id',
      async (id) => {
        const response = await http().get(`/api/v1/audits/${id}`).set('Authorization', w.admin).expect(422);
        expect(fields(response.body)).toEqual(['id']);
      },
    );

    it('reads a plain decimal id', async () => {
      await http().get(`/api/v1/audits/${w.auditIds[0]}`).set('Authorization', w.admin).expect(200);
      await http().get('/api/v1/audits/2147483647').set('Authorization', w.admin).expect(404);
    });

    it.each([
      ['auditorId', `/audits/:id/reallocate`, { auditorId: 2_147_483_648, reason: 'Auditor on leave' }],
      ['auditorId', `/audits/:id/reallocate`, { auditorId: '3', reason: 'Auditor on leave' }],
      ['auditToolId', '/cycles', { month: '2027-02', kind: 'themed', auditToolId: 2 ** 53 + 1 }],
      ['version', '/audits/:id/finish-grading', { version: 1e20 }],
    ])('refuses %s out of range or as a string in a body', async (field, path, body) => {
      const response = await http()
        .post(`/api/v1${path.replace(':id', String(w.auditIds[1]))}`)
        .set('Authorization', path.includes('finish') ? w.auditor : w.admin)
        .send(body)
        .expect(422);
      expect(fields(response.body)).toEqual([field]);
    });
  });

  describe('dates and months at the edges of the calendar', () => {
    it.each([
      [{ month: '9999-12' }, 'month'],
      [{ month: '1999-12' }, 'month'],
      [{ month: '2100-01' }, 'month'],
      [{ month: '2027-02', asOf: '2027-02-29' }, 'asOf'],
      [{ month: '2027-02', asOf: '2027-01-31' }, 'asOf'],
      [{ month: '2027-02', asOf: '2027-03-01' }, 'asOf'],
      [{ month: '2027-02', deadline: '2027-01-31' }, 'deadline'],
      [{ month: '2027-02', asOf: '2027-02-10', deadline: '2027-02-09' }, 'deadline'],
      [{ month: '2027-02', deadline: '2027-02-28T12:00:00Z' }, 'deadline'],
    ])('refuses a themed cycle %j naming %s', async (dates, field) => {
      const response = await http()
        .post('/api/v1/cycles')
        .set('Authorization', w.admin)
        .send({ kind: 'themed', title: 'Dates', filter: { cohorts: ['CP'] }, ...dates })
        .expect(422);
      expect(fields(response.body)).toEqual([field]);
    });
  });

  describe('keys named like JavaScript prototype members', () => {
    it.each([
      ['{"domains":{"constructor":{"grade":"good"}}}', 'domains.constructor'],
      ['{"domains":{"__proto__":{"grade":"good"}}}', 'domains.__proto__'],
      ['{"compliance":{"toString":"met"}}', 'compliance.toString'],
      ['{"compliance":{"hasOwnProperty":"met"}}', 'compliance.hasOwnProperty'],
    ])('refuses the draft %s naming %s', async (draft, field) => {
      const version = await versionOf(w.auditIds[0]);
      const body = `{"version":${version},${draft.slice(1)}`;
      const response = await json('put', `/api/v1/audits/${w.auditIds[0]}/draft`, w.auditor, body).expect(
        422,
      );
      expect(fields(response.body)).toEqual([field]);
    });

    it('refuses them in a moderation', async () => {
      const version = await versionOf(w.auditIds[0]);
      const body = `{"version":${version},"overallGrade":"good","domains":{"valueOf":"good"}}`;
      const response = await json('post', `/api/v1/audits/${w.auditIds[0]}/moderation`, w.moderator, body);
      expect(response.status).toBe(422);
      expect(fields(response.body)).toEqual(['domains.valueOf']);
    });
  });

  describe('blank text', () => {
    it.each([
      ['withdraw', 'reason', { reason: ' \t\n ' }],
      ['withdraw', 'reason', { reason: '\u200b\u200b\u200b\u200b' }],
      ['reallocate', 'reason', { auditorId: 1, reason: '      ' }],
    ])('refuses a blank %s %s with a 422, not the machine guard’s 409', async (action, field, body) => {
      const response = await http()
        .post(`/api/v1/audits/${w.auditIds[1]}/${action}`)
        .set('Authorization', w.admin)
        .send(body)
        .expect(422);
      expect(fields(response.body)).toEqual([field]);
    });

    it('refuses a blank escalation reason and a blank cycle title', async () => {
      const escalation = await http()
        .post(`/api/v1/audits/${w.auditIds[0]}/escalations`)
        .set('Authorization', w.auditor)
        .send({ reason: '        ' })
        .expect(422);
      expect(fields(escalation.body)).toEqual(['reason']);
      const cycle = await http()
        .post('/api/v1/cycles')
        .set('Authorization', w.admin)
        .send({ month: '2027-02', kind: 'themed', title: '   ' })
        .expect(422);
      expect(fields(cycle.body)).toEqual(['title']);
    });
  });

  describe('cycle filters say what is wrong, where', () => {
    it('refuses a filter on a monthly cycle instead of dropping it', async () => {
      const response = await http()
        .post('/api/v1/cycles')
        .set('Authorization', w.admin)
        .send({ month: '2027-01', filter: { cohorts: ['CP'] } })
        .expect(422);
      expect(fields(response.body)).toEqual(['filter']);
    });

    it('reports unknown cohorts, teams and localities against their place in the filter', async () => {
      const response = await http()
        .post('/api/v1/cycles')
        .set('Authorization', w.admin)
        .send({
          month: '2027-01',
          kind: 'themed',
          title: 'Unknown scope',
          filter: { cohorts: ['CP', 'NOPE'], teams: ['Nowhere'], localities: ['Atlantis'] },
        })
        .expect(422);
      expect(fields(response.body)).toEqual(['filter.cohorts[1]', 'filter.teams[0]', 'filter.localities[0]']);
    });

    it('names the filter when a known filter leaves nothing in scope', async () => {
      const response = await http()
        .post('/api/v1/cycles')
        .set('Authorization', w.admin)
        .send({ month: '2027-01', kind: 'themed', title: 'Empty', filter: { cohorts: ['CLA'] } })
        .expect(422);
      expect(fields(response.body)).toEqual(['filter']);
    });
  });

  describe('impossible dates in an audit', () => {
    it('refuses an action due before the audit started', async () => {
      const version = await versionOf(w.auditIds[0]);
      const response = await http()
        .put(`/api/v1/audits/${w.auditIds[0]}/draft`)
        .set('Authorization', w.auditor)
        .send({ version, actions: [{ what: 'Update the plan', owner: 'TM', dueOn: '2000-01-01' }] })
        .expect(422);
      expect(fields(response.body)).toEqual(['actions.0.dueOn']);
    });

    it('refuses a discussion in the future or before the audit started, and takes one held today', async () => {
      const id = w.auditIds[2];
      const auditor = w.auditor;
      await http().post(`/api/v1/audits/${id}/start`).set('Authorization', auditor).expect(200);
      let version = await versionOf(id);
      ({ version } = (
        await http()
          .put(`/api/v1/audits/${id}/draft`)
          .set('Authorization', auditor)
          .send({ version, ...completeDraft('CP') })
          .expect(200)
      ).body);
      ({ version } = (
        await http()
          .post(`/api/v1/audits/${id}/finish-grading`)
          .set('Authorization', auditor)
          .send({ version })
          .expect(200)
      ).body);
      const discussion = { happened: true, summary: 'Went through it', agreement: 'agrees', version };
      for (const heldOn of ['2099-12-31', '2000-01-01']) {
        const refused = await http()
          .put(`/api/v1/audits/${id}/discussion`)
          .set('Authorization', auditor)
          .send({ ...discussion, heldOn })
          .expect(422);
        expect(fields(refused.body)).toEqual(['discussion.heldOn']);
      }
      await http()
        .put(`/api/v1/audits/${id}/discussion`)
        .set('Authorization', auditor)
        .send({ ...discussion, heldOn: w.t.clock.today() })
        .expect(200);
    });
  });
});
