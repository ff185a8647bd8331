import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { buildProgram } from '../apps/cli/src/program.js';
import { DomainError } from '../libs/common/index.js';
import { Case } from '../libs/cases/case.entity.js';
import { ImportGate } from '../libs/cases/import-gate.js';
import { ImportRun } from '../libs/cases/import-run.entity.js';
import { RegisterJobsService } from '../libs/cases/register-jobs.service.js';
import { testEngines } from './support/engines.js';
import { registerCsv, spreadCases } from './support/register-files.js';
import {
  loginAs,
  newOrg,
  newUser,
  Role,
  sqliteTestUrl,
  startTestApp,
  type TestApp,
} from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';
import { xlsxZipBomb } from './support/zip-bomb.js';

const MB = 1024 * 1024;
/** This file's app refuses files over 8 MB, so that an oversized upload is quick to build. */
const FILE_BYTES = 8 * MB;
const TEAMS: [string, string, string][] = [['North CIN', 'North', 'CIN']];
const HEADER = 'case_ref,cohort,team,worker,opened_on\n';

/** Sets environment variables for one step, and puts them back whatever happens. */
async function withEnv<T>(vars: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await work();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Waits for a condition the app reaches by itself (no timing is asserted). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error('the condition never came true');
}

const engines = await testEngines('upload-limits');

describe.each(engines)('upload limits (%s)', (_engine, databaseUrl) => {
  let t: TestApp;
  let admin: string;
  let page: WebSession;

  beforeAll(async () => {
    t = await withEnv({ IMPORT_MAX_FILE_BYTES: String(FILE_BYTES) }, () => startTestApp(databaseUrl()));
    await newOrg(t.db, TEAMS);
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    admin = await loginAs(t, 'admin');
    page = await webSignIn(t, 'admin');
  });

  afterAll(async () => {
    await t?.close();
  });

  const post = (name: string, content: Buffer) =>
    t.http().post('/api/v1/cases/import').set('Authorization', admin).attach('files', content, name);
  const written = () =>
    t.db.read(async (m) => ({ cases: await m.count(Case), runs: await m.count(ImportRun) }));
  const rss = () => process.memoryUsage().rss;

  /** Posts a file that breaks a limit: 422 problem+json naming it, the app still answering, nothing written. */
  async function refused(name: string, content: Buffer, limit: string, max: number): Promise<number> {
    const before = await written();
    const startRss = rss();
    const response = await post(name, content).expect(422);
    const growth = rss() - startRss;
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 422, limit, max, errors: [{ field: 'file' }] });
    expect(response.body.detail).toContain(max.toLocaleString('en-GB'));
    await t.http().get('/health').expect(200);
    expect(await written()).toEqual(before);
    return growth;
  }

  it('refuses an xlsx zip bomb (1.5 GB from 3 MB) by its declared and its counted size, in under 200 MB', async () => {
    const startRss = rss();
    const honest = xlsxZipBomb({ inflatedMb: 1500 });
    expect(honest.length).toBeLessThan(4 * MB);
    await refused('annex-a.xlsx', honest, 'entryBytes', 256 * MB);
    // The classic bomb: its directory says 1,000 bytes; it is stopped at the 1,001st.
    const lying = xlsxZipBomb({ inflatedMb: 1500, declare: () => 1000 });
    await refused('annex-a.xlsx', lying, 'inflatedBytes', 1000);
    // Declared at the part limit, it is counted while its rows are read, and stopped there.
    const atLimit = xlsxZipBomb({ inflatedMb: 1500, declare: () => 2 * MB });
    await withEnv({ IMPORT_MAX_ENTRY_BYTES: String(2 * MB) }, () =>
      refused('annex-a.xlsx', atLimit, 'entryBytes', 2 * MB),
    );
    expect(rss() - startRss).toBeLessThan(200 * MB);
  });

  it('refuses an oversized CSV by its size, rows, columns and cell length, in under 200 MB', async () => {
    const startRss = rss();
    const big = Buffer.alloc(FILE_BYTES + 1, 'a');
    await refused('register.csv', big, 'fileBytes', FILE_BYTES);
    const hugeCell = Buffer.from(HEADER + 'C1,CIN,North CIN,' + 'w'.repeat(5 * MB) + ',2025-01-01\n');
    await refused('register.csv', hugeCell, 'cellChars', 32_767);
    const wide = Buffer.from(HEADER.trim() + ',x'.repeat(300) + '\n');
    await refused('register.csv', wide, 'columns', 256);
    const long = Buffer.from(registerCsv(spreadCases(1001, [['North CIN', 'CIN']])));
    await withEnv({ IMPORT_MAX_ROWS: '1000' }, () => refused('register.csv', long, 'rows', 1000));
    // SSDA903 files are held to the same limits, each named.
    const episodes = Buffer.from('CHILD,DECOM,DEC\n' + '1,01/01/2024,\n'.repeat(1001));
    const response = await withEnv({ IMPORT_MAX_ROWS: '1000' }, () =>
      t
        .http()
        .post('/api/v1/cases/import')
        .set('Authorization', admin)
        .attach('files', Buffer.from('CHILD\n1\n'), 'header.csv')
        .attach('files', episodes, 'episodes.csv')
        .expect(422),
    );
    expect(response.body).toMatchObject({ limit: 'rows', max: 1000, file: 'episodes.csv' });
    expect(rss() - startRss).toBeLessThan(200 * MB);
  });

  it('runs one import at a time: a second, sent while the first is uploading, gets 429 with Retry-After', async () => {
    const gate = t.app.get(ImportGate);
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const boundary = 'upload-limits-boundary';
    const first = httpRequest({
      host: '127.0.0.1',
      port: (server.address() as AddressInfo).port,
      method: 'POST',
      path: '/api/v1/cases/import',
      headers: { Authorization: admin, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    });
    const firstAnswer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      first.on('error', reject);
      first.on('response', (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
    });
    // The first upload has begun and is still sending its file.
    first.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="register.csv"\r\n` +
        'Content-Type: text/csv\r\n\r\n' +
        HEADER,
    );
    await until(() => gate.busy);

    const second = await post('register.csv', Buffer.from(HEADER + 'C2,CIN,North CIN,W,2025-01-01\n')).expect(
      429,
    );
    expect(second.headers['retry-after']).toBe('30');
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(second.body).toMatchObject({ status: 429, errors: [{ field: 'files' }] });

    first.end(`C1,CIN,North CIN,W,2025-01-01\n\r\n--${boundary}--\r\n`);
    const answer = await firstAnswer;
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toMatchObject({ imported: 1 });
    expect(gate.busy).toBe(false);
  });

  describe('on the register page', () => {
    const upload = (name: string, content: Buffer) =>
      t
        .http()
        .post('/admin/register')
        .set('Cookie', page.cookie)
        .field('_csrf', page.csrf)
        .field('full', 'true')
        .attach('files', content, name);

    it('shows the form again with a GOV.UK error while another import runs (429, Retry-After)', async () => {
      const release = t.app.get(ImportGate).tryEnter()!;
      try {
        const response = await upload('register.csv', Buffer.from(HEADER)).expect(429);
        expect(response.headers['retry-after']).toBe('30');
        expect(response.text).toContain('govuk-error-summary');
        expect(response.text).toContain('Another register import is running: try again in a minute');
        expect(response.text).toContain('href="#files"');
        expect(response.text).toContain('type="file"');
      } finally {
        release();
      }
    });

    it('shows a file over the size limit on the form (422)', async () => {
      const response = await upload('register.csv', Buffer.alloc(FILE_BYTES + 1, 'a')).expect(422);
      expect(response.text).toContain('govuk-error-summary');
      expect(response.text).toContain(`larger than ${FILE_BYTES.toLocaleString('en-GB')} bytes`);
    });

    it('refuses a zip bomb in its preview, naming the limit, and writes nothing', async () => {
      const before = await written();
      const posted = await upload(
        'annex-a.xlsx',
        xlsxZipBomb({ inflatedMb: 1500, declare: () => 1000 }),
      ).expect(303);
      await t.app.get(RegisterJobsService).settled();
      const shown = await t
        .http()
        .get(posted.headers.location as string)
        .set('Cookie', page.cookie)
        .expect(200);
      expect(shown.text).toContain('The register could not be read');
      expect(shown.text).toContain('inflates to more than the 1,000 bytes it declares');
      expect(await written()).toEqual(before);
    });
  });
});

describe('upload limits on the command line', () => {
  const file = join(process.cwd(), '.tmp', 'test', `upload-limits-${process.env.JEST_WORKER_ID ?? 0}.csv`);
  const cli = (...args: string[]) =>
    buildProgram({ stdout: () => undefined, stderr: () => undefined }).parseAsync([
      'node',
      'case-audit',
      ...args,
    ]);
  const refusal = (run: Promise<unknown>) =>
    run.then(
      () => {
        throw new Error('expected the import to be refused');
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(DomainError);
        return (error as DomainError).details;
      },
    );

  beforeAll(() => {
    process.env.DATABASE_URL = sqliteTestUrl('upload-limits-cli');
    writeFileSync(file, registerCsv(spreadCases(1001, [['North CIN', 'CIN']])));
  });

  it('refuses a file over IMPORT_MAX_FILE_BYTES before reading it, and one over IMPORT_MAX_ROWS', async () => {
    const tooBig = await withEnv({ IMPORT_MAX_FILE_BYTES: '1000' }, () =>
      refusal(cli('cases', 'import', file)),
    );
    expect(tooBig).toMatchObject({
      limit: 'fileBytes',
      max: 1000,
      file: basename(file),
    });
    const tooLong = await withEnv({ IMPORT_MAX_ROWS: '1000' }, () =>
      refusal(cli('cases', 'import', file, '--json')),
    );
    expect(tooLong).toMatchObject({ limit: 'rows', max: 1000, errors: [{ field: 'file' }] });
  });
});
