import { type FieldProblem, isPrototypeMemberName } from '../common/index.js';
import type { AuditToolDefinition } from '../../workflows/audit-tool-definition.js';

/**
 * lower_snake_case: grades and compliance answers are stored and reported by these keys
 * (varchar 60), so they must stay stable, readable in a report and safe in a URL.
 */
const KEY = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export const MAX_KEY_LENGTH = 60;

/**
 * What stops a definition from being published, each problem naming its field
 * (`definition.domains[2].key`). One key namespace covers domains and compliance items: the
 * report's themes list both side by side, so a shared key would be ambiguous there.
 * `cohorts` is the set of cohort codes that exist; the caller reads it from the database.
 */
export function validateDefinition(
  definition: AuditToolDefinition,
  cohorts: ReadonlySet<string>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field: `definition.${field}`, message });
  const firstUse = new Map<string, string>();

  const checkKey = (key: string, at: string) => {
    if (!KEY.test(key) || key.length > MAX_KEY_LENGTH) {
      add(
        `${at}.key`,
        `key must be lower-case words of letters and digits joined by single underscores, at most ${MAX_KEY_LENGTH} characters`,
      );
    } else if (isPrototypeMemberName(key)) {
      // Drafts are objects keyed by these keys: `constructor` there would be an inherited member.
      add(`${at}.key`, `key ${key} is the name of a built-in property: choose another`);
    } else if (firstUse.has(key)) {
      add(`${at}.key`, `key ${key} is already used by definition.${firstUse.get(key)}`);
    } else {
      firstUse.set(key, at);
    }
  };
  const checkText = (text: string, field: string, what: string) => {
    if (text.trim() === '') add(field, `${what} must not be blank`);
  };
  const checkCohorts = (codes: string[] | null, at: string) =>
    (codes ?? []).forEach((code, i) => {
      if (!cohorts.has(code)) add(`${at}.cohorts[${i}]`, `no cohort has the code ${code}`);
    });

  if (definition.domains.length === 0) add('domains', 'the tool needs at least one domain');
  definition.domains.forEach((domain, i) => {
    const at = `domains[${i}]`;
    checkKey(domain.key, at);
    checkText(domain.title, `${at}.title`, 'title');
    domain.guidance.forEach((line, j) => checkText(line, `${at}.guidance[${j}]`, 'a guidance line'));
    checkCohorts(domain.cohorts, at);
  });
  definition.compliance.forEach((item, i) => {
    const at = `compliance[${i}]`;
    checkKey(item.key, at);
    checkText(item.question, `${at}.question`, 'question');
    checkCohorts(item.cohorts, at);
  });
  return problems;
}
