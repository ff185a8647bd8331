import 'reflect-metadata';
import { CommanderError, InvalidArgumentError } from 'commander';
import { DomainError } from '../../../libs/common/index.js';
import { buildProgram } from './program.js';

const out = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
};

buildProgram(out)
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CommanderError) {
      // Commander has already said what was wrong (or printed help/version).
      process.exitCode = error.exitCode;
      return;
    }
    // Operators get the reason, not a stack trace; --json callers get it on stderr, stdout stays clean.
    const known = error instanceof DomainError || error instanceof InvalidArgumentError;
    out.stderr(`case-audit: ${known ? (error as Error).message : String(error)}\n`);
    if (!known) out.stderr(`${(error as Error).stack ?? ''}\n`);
    process.exitCode = error instanceof DomainError ? 2 : 1;
  });
