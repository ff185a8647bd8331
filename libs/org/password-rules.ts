import type { FieldProblem } from '../common/index.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export interface PasswordContext {
  username: string;
  /** Lower-cased common passwords (common-passwords.ts loads the shipped list once). */
  common: ReadonlySet<string>;
  /** When a person changes their own: the one they have now, which the new one must not repeat. */
  current?: string;
}

/**
 * What is wrong with a password someone chooses or an administrator sets, as the NCSC's
 * password guidance advises: long enough, not on a list of common passwords (whatever the case
 * of its letters), and not the username. No rules about character classes: they make
 * passwords harder to remember and no harder to guess.
 */
export function passwordProblems(password: string, context: PasswordContext): FieldProblem[] {
  const problem = (message: string): FieldProblem[] => [{ field: 'password', message }];
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    return problem(`password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`);
  }
  const folded = password.trim().toLowerCase();
  if (folded === context.username.trim().toLowerCase()) {
    return problem('password must not be the username');
  }
  if (context.common.has(folded)) {
    return problem('password is on a list of commonly used passwords: choose one that is harder to guess');
  }
  if (context.current !== undefined && password === context.current) {
    return problem('password must be different from the current one');
  }
  return [];
}
