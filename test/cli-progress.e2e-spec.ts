import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../apps/cli/src/program.js';
import { registerCsv, spreadCases } from './support/register-files.js';
import { sqliteTestUrl } from './support/test-app.js';

/** The CLI in-process, with stderr said to be a terminal or not (main.ts asks the process). */
async function cli(stderrIsTTY: boolean, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const program = buildProgram({ stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY });
  await program.parseAsync(['node', 'case-audit', ...args]);
  return { stdout, stderr };
}

describe('case-audit cases import: progress on a terminal', () => {
  const file = join(process.cwd(), '.tmp', 'test', `cli-progress-${process.env.JEST_WORKER_ID ?? 0}.csv`);

  beforeAll(async () => {
    process.env.DATABASE_URL = sqliteTestUrl('cli-progress');
    await cli(false, 'demo');
    // More rows than one progress slice, so the saving phase reports more than once.
    writeFileSync(
      file,
      registerCsv(
        spreadCases(12_000, [
          ['North CIN 1', 'CIN'],
          ['North CP', 'CP'],
        ]),
      ),
    );
  });

  it('redraws one progress line on stderr while it imports, and clears it at the end', async () => {
    const { stdout, stderr } = await cli(true, 'cases', 'import', file, '--dry-run');
    expect(stdout).toContain('Dry run: nothing was written');
    // Every frame starts with a carriage return and clears the rest of the line: no new lines.
    expect(stderr).not.toContain('\n');
    const frames = stderr.split('\r').filter(Boolean);
    expect(frames).toEqual(
      expect.arrayContaining([
        'Checking (dry run): reading the file\x1b[K',
        'Checking (dry run): saving rows 5,000 of 12,000 (41%)\x1b[K',
        'Checking (dry run): saving rows 12,000 of 12,000 (100%)\x1b[K',
        '\x1b[K',
      ]),
    );
    expect(frames.at(-1)).toBe('\x1b[K');
  });

  it('prints no progress with --json, or when stderr is not a terminal', async () => {
    const json = await cli(true, 'cases', 'import', file, '--dry-run', '--json');
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({ dryRun: true, imported: expect.any(Number) });
    const piped = await cli(false, 'cases', 'import', file, '--dry-run');
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toContain('Dry run: nothing was written');
  });
});
