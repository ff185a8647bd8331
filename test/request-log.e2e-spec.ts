import {
  loginAs,
  newUser,
  Role,
  sqliteTestUrl,
  startTestApp,
  TEST_PASSWORD,
  type TestApp,
} from './support/test-app.js';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request logs (HTTP, SQLite file, pino)', () => {
  let t: TestApp;
  let userId: number;
  const raw: string[] = [];
  const lines = () => raw.map((line) => JSON.parse(line) as LogLine);
  const requestLines = () => lines().filter((l) => l.msg === 'request completed');

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('request-log'), { logs: { write: (line) => raw.push(line) } });
    userId = await newUser(t.db, { username: 'alice.personal', role: Role.Administrator });
  });

  afterAll(async () => {
    await t?.close();
  });

  beforeEach(() => {
    raw.length = 0;
  });

  it('writes one JSON line per request: method, route pattern, status, duration, user and correlation id', async () => {
    const wrongPassword = 'Wr0ng-Pa55word!';
    const failed = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'alice.personal', password: wrongPassword })
      .expect(401);
    const token = (await loginAs(t, 'alice.personal')).replace('Bearer ', '');
    const querySecret = 'qs-7f3e1d';
    const read = await t
      .http()
      .get(`/api/v1/audits/4242?token=${querySecret}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(404);

    const requests = requestLines();
    expect(requests.map((l) => [l.method, l.route, l.status, l.userId])).toEqual([
      ['POST', '/api/v1/auth/login', 401, null],
      ['POST', '/api/v1/auth/login', 200, null],
      ['GET', '/api/v1/audits/:id', 404, userId],
    ]);
    for (const line of requests) {
      expect(line.durationMs).toEqual(expect.any(Number));
      expect(line.correlationId).toMatch(UUID);
    }
    expect(requests[0].correlationId).toBe(failed.headers['x-correlation-id']);
    expect(requests[2].correlationId).toBe(read.headers['x-correlation-id']);
    expect(read.body.correlationId).toBe(read.headers['x-correlation-id']);

    // Nest's own Logger calls go through pino too, within the request's correlation id.
    const failure = lines().find((l) => l.context === 'AuthService');
    expect(failure).toMatchObject({
      msg: `login failed: user ${userId}`,
      correlationId: failed.headers['x-correlation-id'],
    });

    // Nothing of the bodies, headers, tokens, query strings or the username in any line.
    for (const line of raw) {
      for (const secret of [
        wrongPassword,
        TEST_PASSWORD,
        token,
        querySecret,
        'alice.personal',
        'authorization',
        '?',
      ]) {
        expect(line.toLowerCase()).not.toContain(secret.toLowerCase());
      }
      expect(Object.keys(JSON.parse(line) as object)).not.toEqual(expect.arrayContaining(['req', 'res']));
    }
  });

  it('logs a request whose body does not parse, with the correlation id the problem quotes', async () => {
    const broken = await t
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"username":"x","password":"hunter2-secret"');
    expect(broken.status).toBe(400);
    expect(broken.body.correlationId).toBe(broken.headers['x-correlation-id']);
    expect(requestLines().map((l) => [l.status, l.correlationId])).toEqual([
      [400, broken.headers['x-correlation-id']],
    ]);
    expect(raw.join('')).not.toContain('hunter2');
  });

  it('keeps a client’s correlation id only if it is a UUID', async () => {
    const forged = 'abc", "level":60, "msg":"forged';
    const replaced = await t.http().get('/api/v1/auth/me').set('x-correlation-id', forged).expect(401);
    expect(replaced.headers['x-correlation-id']).toMatch(UUID);
    expect(replaced.body.correlationId).toBe(replaced.headers['x-correlation-id']);

    const own = '0b5e2a8c-4f1d-4c3e-9a7b-2d6f8e1c3a5b';
    const kept = await t.http().get('/api/v1/auth/me').set('x-correlation-id', own.toUpperCase()).expect(401);
    expect(kept.headers['x-correlation-id']).toBe(own);
    expect(kept.body.correlationId).toBe(own);

    expect(requestLines().map((l) => l.correlationId)).toEqual([replaced.headers['x-correlation-id'], own]);
    expect(raw.join('')).not.toContain('forged');
  });
});
