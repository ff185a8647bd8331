import { DomainError, ErrorCode } from '../common/index.js';
import type { RuleProblem } from '../../workflows/rules/grading-problems.js';

/** A 422 naming every rule not yet met, each with the field it concerns. */
export function ruleRefusal(action: string, problems: readonly RuleProblem[]): DomainError {
  const rules = [...new Set(problems.map((p) => p.rule))];
  return new DomainError(
    ErrorCode.Validation,
    `cannot ${action} yet: ${problems.map((p) => p.message).join('; ')}`,
    {
      rules,
      errors: problems.map((p) => ({ field: p.field, message: p.message, rule: p.rule })),
    },
  );
}
