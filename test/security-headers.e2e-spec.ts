import { loginAs, newUser, Role, sqliteTestUrl, startTestApp, type TestApp } from './support/test-app.js';

describe('headers and exposure (HTTP, SQLite file)', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('security-headers'));
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    token = await loginAs(t, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  const strictHeaders = (headers: Record<string, string>) => {
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-powered-by']).toBeUndefined();
    expect(headers['cache-control']).toBe('no-store');
  };

  it('sends the strict policy and no-store on answers, errors and unknown routes alike', async () => {
    strictHeaders((await t.http().get('/api/v1/auth/me').set('Authorization', token).expect(200)).headers);
    strictHeaders((await t.http().get('/api/v1/auth/me').expect(401)).headers);
    strictHeaders((await t.http().get('/api/v1/no-such-route').expect(404)).headers);
    strictHeaders((await t.http().post('/api/v1/auth/login').send({ username: 'admin' })).headers);
    strictHeaders((await t.http().get('/health').expect(200)).headers);
  });

  it('gives Swagger UI its own policy, for its inline style and script, and still no framing', async () => {
    const page = await t.http().get('/api/docs/').redirects(1).expect(200);
    expect(page.text).toContain('swagger-ui');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-powered-by']).toBeUndefined();
    const json = await t.http().get('/api/docs/openapi.json').expect(200);
    expect(json.body.openapi).toEqual(expect.any(String));
    expect(json.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never echoes a query string (which may carry a token) in an error body', async () => {
    const secret = 'tok_3b1c9f2ad4';
    const response = await t
      .http()
      .get(`/api/v1/audits/4242?token=${secret}&x=1`)
      .set('Authorization', token)
      .expect(404);
    expect(response.body.instance).toBe('/api/v1/audits/4242');
    expect(response.text).not.toContain(secret);
    const unauthenticated = await t.http().get(`/api/v1/auth/me?access_token=${secret}`).expect(401);
    expect(unauthenticated.body.instance).toBe('/api/v1/auth/me');
    expect(unauthenticated.text).not.toContain(secret);
  });

  it('never echoes a body that does not parse (the parser quotes it) in an error body', async () => {
    for (const body of ['tok_3b1c9f2ad4', '{"password": tok_3b1c9f2ad4}', '"tok_3b1c9f2ad4']) {
      const response = await t
        .http()
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send(body)
        .expect(400);
      expect(response.body.detail).toBe('The request body is not valid JSON');
      expect(response.text).not.toContain('3b1c9f2ad4');
    }
  });
});
