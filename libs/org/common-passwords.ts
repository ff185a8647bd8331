import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError, ErrorCode } from '../common/index.js';
import { passwordProblems, type PasswordContext } from './password-rules.js';

const LIST = join('libs', 'org', 'common-passwords.txt');
let loaded: ReadonlySet<string> | undefined;

/**
 * The shipped list (see common-passwords.LICENSE.txt), read once on first use into a Set. It is
 * found from the checkout's root, so the built app in dist/ reads the same file as the tests.
 */
export function commonPasswords(): ReadonlySet<string> {
  if (loaded) return loaded;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, LIST))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${LIST} is missing: the common-password check cannot run`);
    dir = parent;
  }
  const words = readFileSync(join(dir, LIST), 'utf8').split('\n');
  loaded = new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => w.length > 0));
  return loaded;
}

/** Refuses (422, naming `field`) a password the rules refuse. */
export function assertAcceptablePassword(
  password: string,
  context: Omit<PasswordContext, 'common'>,
  field = 'password',
): void {
  const problems = passwordProblems(password, { ...context, common: commonPasswords() }).map((p) => ({
    field,
    message: p.message.replace(/^password/, field),
  }));
  if (problems.length === 0) return;
  throw new DomainError(ErrorCode.Validation, problems.map((p) => p.message).join('; '), {
    errors: problems,
  });
}
