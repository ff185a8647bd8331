import { jest } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { CasesImportService, type ImportProgress } from '../libs/cases/index.js';
import { Case } from '../libs/cases/case.entity.js';
import { RegisterJobsService } from '../libs/cases/register-jobs.service.js';
import { Session } from '../libs/auth/session.entity.js';
import { FixedClock } from '../libs/clock/index.js';
import { OrgService } from '../libs/org/org.service.js';
import { Team } from '../libs/org/team.entity.js';
import { registerCsv, spreadCases } from './support/register-files.js';
import {
  newOrg,
  newUser,
  Role,
  sqliteTestUrl,
  startTestApp,
  TEST_NOW,
  type TestApp,
} from './support/test-app.js';
import { webSignIn, type WebSession } from './support/web-session.js';

const TEAMS: [string, string, string][] = [
  ['North CIN', 'North', 'CIN'],
  ['North CP', 'North', 'CP'],
];
const BASE = spreadCases(
  20,
  TEAMS.map(([team, , cohort]) => [team, cohort]),
);

/**
 * On SQLite the register import is one long write transaction; reads have their own read-only
 * connection, so the progress poll (and its session check) answers while the import holds it.
 */
describe('register import progress while the import transaction is open (HTTP, SQLite file)', () => {
  let t: TestApp;
  let admin: WebSession;
  const clock = new FixedClock(TEST_NOW);

  beforeAll(async () => {
    t = await startTestApp(sqliteTestUrl('register-progress'), { clock });
    await newOrg(t.db, TEAMS);
    await newUser(t.db, { username: 'admin', role: Role.Administrator });
    admin = await webSignIn(t, 'admin');
    await imports().importRegister({
      files: [{ name: 'base.csv', content: Buffer.from(registerCsv(BASE)) }],
      actor: 'test',
    });
  });

  let release: (() => void) | undefined;
  afterEach(async () => {
    // Whatever failed, the held import ends, or closing the app would wait for it.
    release?.();
    release = undefined;
    await jobs().settled();
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await t?.close();
  });

  const imports = () => t.app.get(CasesImportService);
  const jobs = () => t.app.get(RegisterJobsService);
  const teamNamed = (name: string) => t.db.read((m) => m.findOneBy(Team, { name }));
  const countCases = () => t.db.read((m) => m.count(Case));

  it('reads through a connection of its own', async () => {
    await expect(t.db.hasReadConnection()).resolves.toBe(true);
  });

  it('answers the status poll and other pages while the import holds its transaction open', async () => {
    const before = await countCases();
    const cases = [
      ...BASE,
      { ref: 'N00001', cohort: 'CP', team: 'South CP' },
      { ref: 'N00002', cohort: 'CIN', team: 'North CIN' },
    ];
    const posted = await t
      .http()
      .post('/admin/register')
      .set('Cookie', admin.cookie)
      .field('_csrf', admin.csrf)
      .attach('files', Buffer.from(registerCsv(cases)), 'register.csv')
      .expect(303);
    const location = posted.headers.location as string;
    await jobs().settled();

    // The import's transaction stops, still open, once it has written the new team.
    const org = t.app.get(OrgService);
    const original = org.resolveTeams.bind(org);
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    jest
      .spyOn(org, 'resolveTeams')
      .mockImplementationOnce(async (m: EntityManager, wanted: ReadonlyMap<string | null, string | null>) => {
        const resolved = await original(m, wanted);
        entered();
        await gate;
        return resolved;
      });
    await t
      .http()
      .post(location)
      .type('form')
      .set('Cookie', admin.cookie)
      .send({ _csrf: admin.csrf })
      .expect(303);
    await inside;

    // Long enough since the session was last seen that the guard would touch it: while the
    // import holds the write turn, the touch is skipped rather than waited for.
    clock.advance(2 * 60_000);
    const lastSeen = () =>
      t.db.read(async (m) => (await m.find(Session, { where: { kind: 'web' } })).map((s) => s.lastSeenAt));
    const seenBefore = await lastSeen();
    const running = await t.http().get(`${location}/status`).set('Cookie', admin.cookie).expect(200);
    expect(running.body).toMatchObject({ state: 'importing', running: true, phase: 'checking', total: 22 });
    await t.http().get('/admin/register').set('Cookie', admin.cookie).expect(200);
    // What the pages read is the register as last committed, without the import's team or cases.
    await expect(teamNamed('South CP')).resolves.toBeNull();
    await expect(countCases()).resolves.toBe(before);

    release!();
    await jobs().settled();
    await expect(lastSeen()).resolves.toEqual(seenBefore);
    const done = await t.http().get(`${location}/status`).set('Cookie', admin.cookie).expect(200);
    expect(done.body).toMatchObject({ state: 'imported', running: false, percent: 100 });
    // With the write turn free again, the next request touches the session as before.
    await expect(lastSeen()).resolves.toEqual([clock.nowIso()]);
    await expect(teamNamed('South CP')).resolves.not.toBeNull();
    await expect(countCases()).resolves.toBe(before + 2);
  });

  it('lets other work run between the slices of a big import, reading the committed register', async () => {
    const big = spreadCases(
      12_000,
      TEAMS.map(([team, , cohort]) => [team, cohort]),
      'B',
    );
    const before = await countCases();
    const events: string[] = [];
    let between: Promise<number> | undefined;
    let scheduled = false;
    const onProgress = (progress: ImportProgress) => {
      events.push(`${progress.phase}:${progress.done}`);
      if (progress.phase === 'saving' && !scheduled) {
        scheduled = true;
        // Runs on the event loop's next turn: before the import ends only if the import yields.
        setImmediate(() => {
          events.push('other work');
          between = countCases();
        });
      }
    };
    await imports().importRegister({
      files: [{ name: 'big.csv', content: Buffer.from(registerCsv(big)) }],
      actor: 'test',
      onProgress,
    });
    // Let a callback scheduled late run too, then settle its read, before judging the order.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const seen = await between;
    const at = events.indexOf('other work');
    expect(events.slice(at - 1, at + 2)).toEqual(['saving:5000', 'other work', 'saving:10000']);
    // The read ran while the import's transaction was open, and saw the register before it.
    expect(seen).toBe(before);
    await expect(countCases()).resolves.toBe(before + 12_000);
  });
});
