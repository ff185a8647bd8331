import type { FieldProblem } from '../../common/index.js';
import type { CycleFilter, CycleKind } from '../cycle.entity.js';

/**
 * What a themed cycle must say for itself: its title (how every page and report names it) and
 * its scope (at least one cohort, locality or team). Without a scope it would draw from every
 * open case, which is the monthly cycle's job, and its preview would say "every open case".
 * Each missing part is named, so one refusal asks for both.
 */
export function themedCycleProblems(request: {
  kind?: CycleKind;
  title?: string;
  filter?: CycleFilter;
}): FieldProblem[] {
  if (request.kind !== 'themed') return [];
  const problems: FieldProblem[] = [];
  if (request.title === undefined || request.title.trim() === '') {
    problems.push({
      field: 'title',
      message: 'enter a title for the themed cycle, for example Neglect: child protection plans',
    });
  }
  const scoped = Object.values(request.filter ?? {}).some((list) => (list?.length ?? 0) > 0);
  if (!scoped) {
    problems.push({
      field: 'filter',
      message:
        'choose at least one cohort, locality or team for the themed cycle: without one it would take every open case',
    });
  }
  return problems;
}

/** Tier 3 audits are some of the cycle's audits: never more than the sample has. */
export function tier3Problems(tier3Count: number, sampleSize: number): FieldProblem[] {
  if (tier3Count <= sampleSize) return [];
  const audits = sampleSize === 1 ? '1 audit' : `${sampleSize} audits`;
  return [{ field: 'tier3Count', message: `must not be more than the cycle's ${audits}` }];
}
