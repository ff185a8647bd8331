import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildProgram } from '../apps/cli/src/program.js';
import { databaseOptions } from '../libs/persistence/database-options.js';
import { registerCsv, spreadCases } from './support/register-files.js';
import { sqliteTestUrl } from './support/test-app.js';

/** Runs the real CLI program in-process against a test database, capturing what it prints. */
async function cli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const program = buildProgram({ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  await program.parseAsync(['node', 'case-audit', ...args]);
  return { stdout, stderr };
}

describe('the case-audit CLI (cron and operators)', () => {
  const url = sqliteTestUrl('cli');
  const dir = join(process.cwd(), '.tmp', 'test');
  const file = join(dir, `cli-register-${process.env.JEST_WORKER_ID ?? 0}.csv`);

  const openCases = async (databaseUrl: string) => {
    const dataSource = await new DataSource(databaseOptions(databaseUrl)).initialize();
    const [{ n }] = await dataSource.query('SELECT COUNT(*) AS n FROM cases WHERE closed_on IS NULL');
    await dataSource.destroy();
    return Number(n);
  };

  beforeAll(async () => {
    process.env.DATABASE_URL = url;
    // The demo council gives the pool of auditors; the register below replaces its cases.
    const demo = JSON.parse((await cli('demo', '--json')).stdout);
    expect(demo).toMatchObject({ loaded: true, cases: 2340, cycle: { selected: 234, submitted: 12 } });
    expect(JSON.parse((await cli('demo', '--if-empty', '--json')).stdout)).toMatchObject({ loaded: false });
    const cases = spreadCases(300, [
      ['North CIN 1', 'CIN'],
      ['North CP', 'CP'],
      ['East CLA', 'CLA'],
    ]);
    writeFileSync(file, registerCsv(cases));
  });

  // The operator's steps build on each other; each test asks for the steps it needs, each step
  // runs once whichever test asks first, so the tests pass in any order.
  const once = <T>(step: () => Promise<T>) => {
    let result: Promise<T> | undefined;
    return () => (result ??= step());
  };
  const importRegister = once(async () =>
    JSON.parse(
      (
        await cli(
          'cases',
          'import',
          file,
          '--as-of',
          '2026-11-30',
          '--full',
          '--confirm-closures',
          '2340',
          '--json',
        )
      ).stdout,
    ),
  );
  const openJanuary = once(async () => {
    await importRegister();
    return JSON.parse(
      (await cli('cycle', 'open', '--month', '2031-01', '--seed', 'cron-1', '--rate', '0.1', '--json'))
        .stdout,
    );
  });

  it('refuses a full import that would close most of the register, until the number is confirmed', async () => {
    // A demo database of its own: the other tests replace this one's register.
    const safeguardUrl = sqliteTestUrl('cli-safeguards');
    process.env.DATABASE_URL = safeguardUrl;
    await cli('demo');
    const headerOnly = join(dir, `cli-header-only-${process.env.JEST_WORKER_ID ?? 0}.csv`);
    writeFileSync(headerOnly, registerCsv([]));
    await expect(cli('cases', 'import', headerOnly, '--full', '--json')).rejects.toThrow(
      /would close 2340 of the 2340 open cases/,
    );
    const dry = JSON.parse(
      (await cli('cases', 'import', file, '--as-of', '2026-11-30', '--full', '--dry-run', '--json')).stdout,
    );
    expect(dry).toMatchObject({ dryRun: true, imported: 300, closed: 2340, openBefore: 2340 });
    expect(dry.newTeams).toEqual([]); // the demo council already has these teams
    await expect(
      cli('cases', 'import', file, '--full', '--as-of', '2026-11-30', '--confirm-closures', '2339'),
    ).rejects.toThrow(/would close 2340 .*not 2339/);
    const printed = (await cli('cases', 'import', headerOnly, '--full', '--dry-run')).stdout;
    expect(printed).toMatch(/^Dry run: nothing was written/);
    expect(printed).toMatch(/It would be refused: .*would close 2340/);
    await expect(openCases(safeguardUrl)).resolves.toBe(2340);
    process.env.DATABASE_URL = url;
  });

  it('imports a register with --json, printing exactly one JSON document', async () => {
    const result = await importRegister();
    expect(result).toMatchObject({ imported: 300, updated: 0, unchanged: 0, rejected: [] });
    expect(result.closed).toBe(2340); // --full closed every demo case the file does not list
    const again = JSON.parse((await cli('cases', 'import', file, '--as-of', '2026-11-30', '--json')).stdout);
    expect(again).toMatchObject({ imported: 0, unchanged: 300 });
  });

  it('refuses rows of teams the register has never seen with --strict-teams', async () => {
    const stray = join(dir, `cli-stray-${process.env.JEST_WORKER_ID ?? 0}.csv`);
    writeFileSync(stray, registerCsv([{ ref: 'STRAY-1', cohort: 'CIN', team: 'Nobody Knows CIN' }]));
    const strict = JSON.parse((await cli('cases', 'import', stray, '--strict-teams', '--json')).stdout);
    expect(strict).toMatchObject({ imported: 0, newTeams: [] });
    expect(strict.rejected).toEqual([
      expect.objectContaining({ caseRef: 'STRAY-1', reason: expect.stringMatching(/^team:/) }),
    ]);
    const dry = JSON.parse((await cli('cases', 'import', stray, '--dry-run', '--json')).stdout);
    expect(dry).toMatchObject({ imported: 1, newTeams: ['Nobody Knows CIN'] });
  });

  it('opens a cycle with a given seed and shows the same document back', async () => {
    const opened = await openJanuary();
    expect(opened).toMatchObject({
      month: '2031-01',
      seed: 'cron-1',
      rate: 0.1,
      eligible: 300,
      selected: 30,
    });
    expect(opened.allocated + opened.unallocated).toBe(30);
    expect(opened.strata.map((s: { selected: number }) => s.selected)).toEqual([10, 10, 10]);
    for (const audit of opened.audits) {
      expect(Object.keys(audit)).toEqual(
        expect.arrayContaining(['caseRef', 'team', 'cohort', 'auditor', 'auditorRole', 'tier']),
      );
    }
    const shown = JSON.parse((await cli('cycle', 'show', '--month', '2031-01', '--json')).stdout);
    expect(shown).toEqual(opened);
  });

  it('shows one audit with --json', async () => {
    await openJanuary();
    const cycle = JSON.parse((await cli('cycle', 'show', '--month', '2031-01', '--json')).stdout);
    const first = cycle.audits[0];
    const audit = JSON.parse((await cli('audit', 'show', String(first.auditId), '--json')).stdout);
    expect(audit).toMatchObject({
      id: first.auditId,
      caseRef: first.caseRef,
      state: 'allocated',
      cohort: first.cohort,
    });
    expect(audit.history.map((h: { event: string }) => h.event)).toEqual(['ALLOCATE']);
    await expect(cli('audit', 'show', '999999', '--json')).rejects.toThrow(/audit 999999 was not found/);
  });

  it('gives the same sample from the same register, month and seed in another database', async () => {
    await openJanuary();
    const first = JSON.parse((await cli('cycle', 'show', '--month', '2031-01', '--json')).stdout);
    const otherUrl = sqliteTestUrl('cli-replay');
    process.env.DATABASE_URL = otherUrl;
    await cli('demo');
    await cli('cases', 'import', file, '--as-of', '2026-11-30', '--full', '--confirm-closures', '2340');
    const replay = JSON.parse(
      (await cli('cycle', 'open', '--month', '2031-01', '--seed', 'cron-1', '--json')).stdout,
    );
    const refs = (doc: { audits: { caseRef: string }[] }) => doc.audits.map((a) => a.caseRef).sort();
    expect(refs(replay)).toEqual(refs(first));
    process.env.DATABASE_URL = url;
  });

  it('refuses a second monthly cycle and leaves the database as it was', async () => {
    await openJanuary();
    await expect(cli('cycle', 'open', '--month', '2031-01', '--json')).rejects.toThrow(
      /already exists \(cycle 2\)/,
    );
    const dataSource = await new DataSource(databaseOptions(url)).initialize();
    await expect(dataSource.query('SELECT COUNT(*) AS n FROM cycles')).resolves.toEqual([{ n: 2 }]);
    await dataSource.destroy();
  });

  it('refuses a themed title the API would refuse (too long, a control character), storing nothing', async () => {
    const open = (title: string) => cli('cycle', 'open', '--month', '2031-02', '--themed', title, '--json');
    await expect(open('T'.repeat(201))).rejects.toThrow(/title must be at most 200 characters/);
    await expect(open('Neglect\u0000')).rejects.toThrow(/title: must not contain a control character/);
    const dataSource = await new DataSource(databaseOptions(url)).initialize();
    await expect(
      dataSource.query("SELECT COUNT(*) AS n FROM cycles WHERE month = '2031-02'"),
    ).resolves.toEqual([{ n: 0 }]);
    await dataSource.destroy();
  });
});
