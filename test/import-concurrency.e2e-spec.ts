import { jest } from '@jest/globals';
import { Case } from '../libs/cases/case.entity.js';
import { CasesImportService } from '../libs/cases/index.js';
import { ImportRun } from '../libs/cases/import-run.entity.js';
import { Locality } from '../libs/org/locality.entity.js';
import { OrgService } from '../libs/org/index.js';
import { testEngines } from './support/engines.js';
import { registerCsv, spreadCases } from './support/register-files.js';
import { loginAs, newOrg, newUser, Role, startTestApp, type TestApp } from './support/test-app.js';
import { webSignIn } from './support/web-session.js';

const TEAMS: [string, string, string][] = [
  ['North CIN', 'North', 'CIN'],
  ['North CP', 'North', 'CP'],
];
/** More rows than one slice of the import's statements, so that it yields between them. */
const ROWS = 5000;

/**
 * Another administrator's write while a register import is saving. The import is held open
 * inside its transaction (at the point where it resolves the register's teams) until the test
 * lets it go, so "during the import" is a fact, not a matter of timing. On SQLite the write waits
 * for the import's turn, or is told 503 with Retry-After when BUSY_WRITE_WAIT_MS runs out; on
 * PostgreSQL it runs alongside. Either way: never a 500, and both results are in the database.
 */
const engines = await testEngines('import-concurrency');

describe.each(engines)('a write during a register import (%s)', (engine, databaseUrl) => {
  const sqlite = engine.startsWith('SQLite');
  let t: TestApp;
  let importer: string;
  let other: string;
  let run = 0;

  beforeAll(async () => {
    t = await startTestApp(databaseUrl());
    await newOrg(t.db, TEAMS);
    await newUser(t.db, { username: 'importer', role: Role.Administrator });
    await newUser(t.db, { username: 'other-admin', role: Role.Administrator });
    importer = await loginAs(t, 'importer');
    other = await loginAs(t, 'other-admin');
  });

  afterEach(() => {
    jest.restoreAllMocks();
    delete process.env.BUSY_WRITE_WAIT_MS;
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Holds the next import inside its transaction until `release`. */
  function holdImport() {
    let reached!: () => void;
    let release!: () => void;
    const atTeams = new Promise<void>((resolve) => (reached = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const org = t.app.get(OrgService);
    const resolveTeams = org.resolveTeams.bind(org);
    jest.spyOn(org, 'resolveTeams').mockImplementation(async (...args) => {
      reached();
      await gate;
      return resolveTeams(...args);
    });
    return { atTeams, release };
  }

  /** A fresh register for each test: its own case references, so the counts are its own. */
  function startImport() {
    const cases = spreadCases(
      ROWS,
      TEAMS.map(([team, , cohort]) => [team, cohort]),
      `R${++run}-`,
    );
    return t
      .http()
      .post('/api/v1/cases/import')
      .set('Authorization', importer)
      .field('asOf', '2026-11-30')
      .attach('files', Buffer.from(registerCsv(cases)), 'register.csv')
      .then((response) => response);
  }

  const addLocality = (name: string) =>
    t
      .http()
      .post('/api/v1/org/localities')
      .set('Authorization', other)
      .send({ name })
      .then((response) => response);

  const saved = (prefix: string, locality: string) =>
    t.db.read(async (m) => ({
      cases: await m
        .createQueryBuilder(Case, 'c')
        .where('c.case_ref LIKE :p', { p: `${prefix}%` })
        .getCount(),
      localities: await m.count(Locality, { where: { name: locality } }),
    }));

  it('gives the event loop turns while it saves, not one long statement per pass', async () => {
    // better-sqlite3 runs each statement on this thread: a turn between slices is the moment
    // another request is answered. Counted in turns, not time.
    let turns = 0;
    let counting = true;
    const count = () => {
      if (!counting) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    const rows = 20_000;
    const cases = spreadCases(
      rows,
      TEAMS.map(([team, , cohort]) => [team, cohort]),
      `T${++run}-`,
    );
    const result = await t.app.get(CasesImportService).importRegister({
      files: [{ name: 'register.csv', content: Buffer.from(registerCsv(cases)) }],
      asOf: '2026-11-30',
      actor: 'test',
    });
    counting = false;
    expect(result).toMatchObject({ imported: rows, rejected: [] });
    // Staging, counting and inserting 20,000 rows are each ten slices of 2,000 or more.
    expect(turns).toBeGreaterThanOrEqual(20);
  });

  it('lets reads go on, makes the write wait its turn (or run alongside), and saves both', async () => {
    process.env.BUSY_WRITE_WAIT_MS = '600000';
    const held = holdImport();
    const importing = startImport();
    await held.atTeams;
    const runsBefore = await t.db.read((m) => m.count(ImportRun));

    let written = false;
    const write = addLocality('Waited').then((response) => {
      written = true;
      return response;
    });
    // Reads are answered while the import holds the write turn.
    for (let i = 0; i < 3; i++) {
      await t.http().get('/health').expect(200);
      await t.http().get('/api/v1/org/localities').set('Authorization', other).expect(200);
    }
    // On SQLite one writer at a time: the write cannot have run while the import is held.
    if (sqlite) expect(written).toBe(false);

    held.release();
    const [imported, wrote] = await Promise.all([importing, write]);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ imported: ROWS, rejected: [] });
    expect(wrote.status).toBe(201);
    await expect(saved(`R${run}-`, 'Waited')).resolves.toEqual({ cases: ROWS, localities: 1 });
    await expect(t.db.read((m) => m.count(ImportRun))).resolves.toBe(runsBefore + 1);
  });

  it('answers a write that would wait too long 503 with Retry-After, loses nothing, and takes it after', async () => {
    process.env.BUSY_WRITE_WAIT_MS = '0';
    const held = holdImport();
    const importing = startImport();
    await held.atTeams;

    const during = await addLocality('Retried');
    if (sqlite) {
      expect(during.status).toBe(503);
      expect(during.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(Number(during.headers['retry-after'])).toBeGreaterThan(0);
      expect(during.body).toMatchObject({ status: 503, code: 'BUSY' });
    } else {
      // PostgreSQL runs the two transactions side by side: nothing to wait for.
      expect(during.status).toBe(201);
    }

    held.release();
    const imported = await importing;
    expect(imported.status).toBe(201);
    if (sqlite) {
      // Refused whole: nothing of it was saved, and sent again it is saved once.
      await expect(saved(`R${run}-`, 'Retried')).resolves.toEqual({ cases: ROWS, localities: 0 });
      expect((await addLocality('Retried')).status).toBe(201);
    }
    await expect(saved(`R${run}-`, 'Retried')).resolves.toEqual({ cases: ROWS, localities: 1 });
  });

  it('shows a page write the GOV.UK "try again" page, not a 500, while the import holds the turn', async () => {
    process.env.BUSY_WRITE_WAIT_MS = '0';
    const web = await webSignIn(t, 'other-admin');
    const held = holdImport();
    const importing = startImport();
    await held.atTeams;

    const page = await t
      .http()
      .post('/admin/teams/localities/new')
      .type('form')
      .set('Cookie', web.cookie)
      .send({ name: 'From the page', _csrf: web.csrf });
    held.release();
    expect((await importing).status).toBe(201);
    if (sqlite) {
      expect(page.status).toBe(503);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
      expect(page.text).toContain('Sorry, the service is busy');
      expect(page.text).toContain('try again');
      await expect(saved(`R${run}-`, 'From the page')).resolves.toEqual({ cases: ROWS, localities: 0 });
    } else {
      expect(page.status).toBe(303);
      await expect(saved(`R${run}-`, 'From the page')).resolves.toEqual({ cases: ROWS, localities: 1 });
    }
  });
});
