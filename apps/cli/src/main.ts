import { CommanderError, InvalidArgumentError } from 'commander';
import { buildProgram } from './program.js';

const out = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
};

buildProgram(out)
  .parseAsync(process.argv)
  .catch(async (error: unknown) => {
    if (error instanceof CommanderError) {
      // Commander has already said what was wrong (or printed help/version).
      process.exitCode = error.exitCode;
      return;
    }
    // Imported only now: the shared kernel pulls in Nest, which `--help` should not pay for.
    await import('reflect-metadata');
    const { DomainError } = await import('../../../libs/common/index.js');
    // Operators get the reason, not a stack trace; --json callers get it on stderr, stdout stays clean.
    const known = error instanceof DomainError || error instanceof InvalidArgumentError;
    out.stderr(`case-audit: ${known ? (error as Error).message : String(error)}\n`);
    if (!known) out.stderr(`${(error as Error).stack ?? ''}\n`);
    process.exitCode = error instanceof DomainError ? 2 : 1;
  });
