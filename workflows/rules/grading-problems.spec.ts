import fc from 'fast-check';
import type { AuditToolDefinition, Grade } from '../audit-tool-definition.js';
import { DEFAULT_AUDIT_TOOL } from '../../test/support/default-audit-tool.js';
import type { AuditDraft, ProposedAction } from '../audit-draft.js';
import { gradingProblems, type RuleProblem } from './grading-problems.js';

const tool = DEFAULT_AUDIT_TOOL;
const ALL_DOMAINS = [
  'voice_of_child',
  'assessment',
  'plan',
  'management_oversight',
  'chronology',
  'multi_agency',
];
const ALL_ITEMS = ['basic_details', 'assessment_current', 'plan_current'];

/** What the default tool asks of a case in each cohort, written out by hand from the toolkit. */
const APPLICABLE: Record<string, { domains: string[]; compliance: string[] }> = {
  CIN: { domains: [...ALL_DOMAINS, 'risk_analysis'], compliance: ALL_ITEMS },
  CP: {
    domains: [...ALL_DOMAINS, 'risk_analysis'],
    compliance: [...ALL_ITEMS, 'court_documents', 'visits_in_timescale', 'reviews_in_timescale'],
  },
  CLA: {
    domains: [...ALL_DOMAINS, 'risk_analysis', 'permanence'],
    compliance: [
      ...ALL_ITEMS,
      'court_documents',
      'identity_documents',
      'visits_in_timescale',
      'reviews_in_timescale',
    ],
  },
  CL: {
    domains: [...ALL_DOMAINS, 'pathway_plan'],
    compliance: [...ALL_ITEMS, 'identity_documents', 'visits_in_timescale'],
  },
  MASH: { domains: ALL_DOMAINS, compliance: ALL_ITEMS },
};
const COHORTS = Object.keys(APPLICABLE);

/** A draft that answers everything the default tool asks of this cohort, and nothing else. */
const completeDraft = (cohort: string, overrides: Partial<AuditDraft> = {}): AuditDraft => ({
  domains: Object.fromEntries(APPLICABLE[cohort].domains.map((key) => [key, { grade: 'good' as Grade }])),
  compliance: Object.fromEntries(APPLICABLE[cohort].compliance.map((key) => [key, 'met' as const])),
  improved: 'yes',
  overall: { grade: 'good', rationale: 'Child seen alone; plan is progressing.' },
  actions: [],
  ...overrides,
});
const fieldsOf = (problems: RuleProblem[]) => problems.map((p) => p.field).sort();
const rulesOf = (problems: RuleProblem[]) => problems.map((p) => [p.rule, p.field]);

describe('gradingProblems', () => {
  it.each(COHORTS)('finds nothing wrong with a complete %s draft', (cohort) => {
    expect(gradingProblems(tool, cohort, completeDraft(cohort), 0)).toEqual([]);
  });

  it.each(COHORTS)('asks an empty %s draft for exactly what applies to the cohort', (cohort) => {
    const problems = gradingProblems(tool, cohort, {}, 0);
    expect(fieldsOf(problems)).toEqual(
      [
        ...APPLICABLE[cohort].domains.map((k) => `domains.${k}`),
        ...APPLICABLE[cohort].compliance.map((k) => `compliance.${k}`),
        'improved',
        'overall.grade',
        'overall.rationale',
      ].sort(),
    );
    for (const p of problems) expect(p.message.trim()).not.toBe('');
  });

  it.each<[string, string, boolean]>([
    ['CLA', 'permanence', true],
    ['CLA', 'pathway_plan', false],
    ['CLA', 'risk_analysis', true],
    ['CL', 'pathway_plan', true],
    ['CL', 'permanence', false],
    ['CL', 'risk_analysis', false],
    ['CIN', 'permanence', false],
    ['CP', 'risk_analysis', true],
    ['MASH', 'voice_of_child', true],
    ['MASH', 'risk_analysis', false],
  ])('a %s case without a grade for %s → problem: %j', (cohort, key, required) => {
    const domains = { ...completeDraft('CLA').domains, ...completeDraft('CL').domains };
    delete domains[key];
    const problems = gradingProblems(tool, cohort, completeDraft(cohort, { domains }), 0);
    expect(rulesOf(problems)).toEqual(required ? [['domain-graded', `domains.${key}`]] : []);
  });

  it.each<[string, string, boolean]>([
    ['CIN', 'court_documents', false],
    ['CP', 'court_documents', true],
    ['CLA', 'identity_documents', true],
    ['CL', 'identity_documents', true],
    ['CL', 'reviews_in_timescale', false],
    ['CIN', 'basic_details', true],
    ['MASH', 'plan_current', true],
  ])('a %s case without an answer for %s → problem: %j', (cohort, key, required) => {
    const compliance = { ...completeDraft('CLA').compliance };
    delete compliance[key];
    const problems = gradingProblems(tool, cohort, completeDraft(cohort, { compliance }), 0);
    expect(rulesOf(problems)).toEqual(required ? [['compliance-answered', `compliance.${key}`]] : []);
  });

  it('treats a null or empty cohort list as every cohort', () => {
    const custom: AuditToolDefinition = {
      domains: [
        { key: 'a', title: 'A', guidance: [], cohorts: [] },
        { key: 'b', title: 'B', guidance: [], cohorts: null },
        { key: 'c', title: 'C', guidance: [], cohorts: ['EH'] },
      ],
      compliance: [{ key: 'x', question: 'X?', cohorts: [] }],
    };
    expect(fieldsOf(gradingProblems(custom, 'SEND', {}, 0))).toEqual(
      ['domains.a', 'domains.b', 'compliance.x', 'improved', 'overall.grade', 'overall.rationale'].sort(),
    );
    expect(fieldsOf(gradingProblems(custom, 'EH', {}, 0))).toContain('domains.c');
  });

  it.each<[Grade, string | undefined, boolean]>([
    ['outstanding', undefined, false],
    ['good', undefined, false],
    ['good', '', false],
    ['requires_improvement', undefined, true],
    ['requires_improvement', '', true],
    ['requires_improvement', '   ', true],
    ['requires_improvement', '\n\t\u00a0', true],
    ['requires_improvement', 'No chronology since 2023.', false],
    ['inadequate', undefined, true],
    ['inadequate', '  ', true],
    ['inadequate', 'Child not seen for 12 weeks.', false],
  ])('a domain graded %s with evidence %j → evidence problem: %j', (grade, evidence, needed) => {
    const draft = completeDraft('CIN');
    draft.domains!.chronology = { grade, evidence };
    expect(rulesOf(gradingProblems(tool, 'CIN', draft, 0))).toEqual(
      needed ? [['evidence-for-low-grade', 'domains.chronology.evidence']] : [],
    );
  });

  it.each<[string, Partial<AuditDraft>, [string, string][]]>([
    ['no improvement answer', { improved: undefined }, [['improvement-answered', 'improved']]],
    ['improved: no', { improved: 'no' }, []],
    ['improved: too early', { improved: 'too_early' }, []],
    [
      'no overall at all',
      { overall: undefined },
      [
        ['overall-grade', 'overall.grade'],
        ['overall-rationale', 'overall.rationale'],
      ],
    ],
    ['no overall grade', { overall: { rationale: 'Because.' } }, [['overall-grade', 'overall.grade']]],
    ['no rationale', { overall: { grade: 'good' } }, [['overall-rationale', 'overall.rationale']]],
    [
      'a blank rationale',
      { overall: { grade: 'good', rationale: ' \n ' } },
      [['overall-rationale', 'overall.rationale']],
    ],
    [
      'a domain grade off the scale',
      { domains: { ...completeDraft('CIN').domains, plan: { grade: 'excellent' as Grade } } },
      [['domain-graded', 'domains.plan']],
    ],
    [
      'a compliance answer off the scale',
      { compliance: { ...completeDraft('CIN').compliance, plan_current: 'yes' as 'met' } },
      [['compliance-answered', 'compliance.plan_current']],
    ],
    [
      'an improvement answer off the scale',
      { improved: 'maybe' as 'yes' },
      [['improvement-answered', 'improved']],
    ],
    [
      'an overall grade off the scale',
      { overall: { grade: 'fine' as Grade, rationale: 'Because.' } },
      [['overall-grade', 'overall.grade']],
    ],
  ])('%s', (_label, overrides, expected) => {
    expect(rulesOf(gradingProblems(tool, 'CIN', completeDraft('CIN', overrides), 0))).toEqual(expected);
  });

  const ACTION = {
    what: 'Update the chronology',
    why: 'No chronology since March',
    ownerId: 12,
    dueOn: '2026-12-31',
    successMeasure: 'A chronology up to date at the next review',
  };
  it.each<[Grade, number, number, boolean]>([
    ['inadequate', 0, 0, true],
    ['inadequate', 1, 0, false],
    ['inadequate', 0, 1, false],
    ['inadequate', 2, 3, false],
    ['requires_improvement', 0, 0, false],
    ['good', 0, 0, false],
  ])(
    'overall %s with %i actions and %i escalations → action problem: %j',
    (grade, actions, escalations, needed) => {
      const draft = completeDraft('CP', {
        overall: { grade, rationale: 'See domains.' },
        actions: Array.from({ length: actions }, () => ACTION),
      });
      expect(rulesOf(gradingProblems(tool, 'CP', draft, escalations))).toEqual(
        needed ? [['inadequate-needs-action', 'actions']] : [],
      );
    },
  );

  it.each<[string, Partial<ProposedAction>, [string, string][]]>([
    ['everything', {}, []],
    [
      'only a free-text owner (an older draft)',
      { ownerId: undefined, owner: 'TM' },
      [['action-owner-chosen', 'actions.0.ownerId']],
    ],
    ['no why', { why: '  ' }, [['action-why', 'actions.0.why']]],
    [
      'no success measure',
      { successMeasure: undefined },
      [['action-success-measure', 'actions.0.successMeasure']],
    ],
  ])('an action with %s before it can be tracked', (_, change, expected) => {
    const action: ProposedAction = {
      what: 'Update the chronology',
      why: 'No chronology since March',
      ownerId: 12,
      dueOn: '2026-12-31',
      successMeasure: 'Up to date at the next review',
      ...change,
    };
    expect(rulesOf(gradingProblems(tool, 'CP', completeDraft('CP', { actions: [action] }), 0))).toEqual(
      expected,
    );
  });

  it('names the free-text owner an older draft kept, so the auditor knows whom they meant', () => {
    const action: ProposedAction = { what: 'Visit', owner: 'Team manager, North 2', dueOn: '2026-12-31' };
    const [owner] = gradingProblems(tool, 'CP', completeDraft('CP', { actions: [action] }), 0);
    expect(owner.message).toContain('Team manager, North 2');
  });

  it('names each missing applicable item once, whatever subset is left out', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COHORTS),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        (cohort, keep) => {
          const full = completeDraft(cohort);
          const dropped: string[] = [];
          const pick = <T>(entries: Record<string, T>, prefix: string, offset: number) => {
            const kept: Record<string, T> = {};
            Object.entries(entries).forEach(([key, value], i) => {
              if (keep[offset + i]) kept[key] = value;
              else dropped.push(`${prefix}.${key}`);
            });
            return kept;
          };
          const domains = pick(full.domains!, 'domains', 0);
          const compliance = pick(full.compliance!, 'compliance', 10);
          const problems = gradingProblems(tool, cohort, { ...full, domains, compliance }, 0);
          expect(fieldsOf(problems)).toEqual(dropped.sort());
        },
      ),
      { numRuns: 200 },
    );
  });
});
