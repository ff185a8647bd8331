import { appliesTo, type Grade } from '../audit-tool-definition.js';
import { DEFAULT_AUDIT_TOOL } from '../../test/support/default-audit-tool.js';
import type { AuditDraft } from '../audit-draft.js';
import { draftShapeProblems, gradingProblems, type RuleProblem } from './grading-problems.js';

const tool = DEFAULT_AUDIT_TOOL;
const COHORTS = ['CIN', 'CP', 'CLA', 'CL', 'MASH'];

/** Everything the default tool asks of this cohort, answered (which cohorts it is, grading-problems.spec says). */
const completeDraft = (cohort: string): AuditDraft => ({
  domains: Object.fromEntries(
    tool.domains.filter((d) => appliesTo(d, cohort)).map((d) => [d.key, { grade: 'good' as Grade }]),
  ),
  compliance: Object.fromEntries(
    tool.compliance.filter((i) => appliesTo(i, cohort)).map((i) => [i.key, 'met' as const]),
  ),
  improved: 'too_early',
  overall: { grade: 'requires_improvement', rationale: 'Drift in the plan.' },
  actions: [{ what: 'Review the plan', owner: 'Team manager', dueOn: '2026-12-31' }],
});
const fieldsOf = (problems: RuleProblem[]) => problems.map((p) => p.field).sort();
const rulesOf = (problems: RuleProblem[]) => problems.map((p) => [p.rule, p.field]);

describe('draftShapeProblems', () => {
  it.each(COHORTS)('accepts a complete %s draft, and an empty one', (cohort) => {
    expect(draftShapeProblems(tool, cohort, completeDraft(cohort))).toEqual([]);
    expect(draftShapeProblems(tool, cohort, {})).toEqual([]);
  });

  it.each<[string, string, AuditDraft, [string, string][]]>([
    [
      'an unknown domain',
      'CLA',
      { domains: { made_up: { grade: 'good' } } },
      [['known-domain', 'domains.made_up']],
    ],
    [
      'a domain of another cohort',
      'CLA',
      { domains: { pathway_plan: { grade: 'good' } } },
      [['known-domain', 'domains.pathway_plan']],
    ],
    [
      'a domain of another cohort (CIN)',
      'CIN',
      { domains: { permanence: { grade: 'good' } } },
      [['known-domain', 'domains.permanence']],
    ],
    [
      'a grade off the scale',
      'CIN',
      { domains: { plan: { grade: 'Good' as Grade } } },
      [['grade-scale', 'domains.plan.grade']],
    ],
    [
      'an unknown compliance item',
      'CP',
      { compliance: { gp_registered: 'met' } },
      [['known-compliance-item', 'compliance.gp_registered']],
    ],
    [
      'a compliance item of another cohort',
      'CIN',
      { compliance: { court_documents: 'met' } },
      [['known-compliance-item', 'compliance.court_documents']],
    ],
    [
      'a compliance answer off the scale',
      'CIN',
      { compliance: { plan_current: 'yes' as 'met' } },
      [['answer-scale', 'compliance.plan_current']],
    ],
    [
      'an improvement answer off the scale',
      'CIN',
      { improved: 'maybe' as 'yes' },
      [['answer-scale', 'improved']],
    ],
    [
      'an overall grade off the scale',
      'CIN',
      { overall: { grade: 'fine' as Grade } },
      [['grade-scale', 'overall.grade']],
    ],
    [
      'an action without what',
      'CIN',
      { actions: [{ what: ' ', owner: 'TM', dueOn: '2026-12-31' }] },
      [['action-complete', 'actions.0']],
    ],
    [
      'an action without owner',
      'CIN',
      { actions: [{ what: 'Visit', owner: '', dueOn: '2026-12-31' }] },
      [['action-complete', 'actions.0']],
    ],
    [
      'an action without a due date',
      'CIN',
      { actions: [{ what: 'Visit', owner: 'TM', dueOn: '' }] },
      [['action-complete', 'actions.0']],
    ],
    [
      'an action due 31/12/2026',
      'CIN',
      { actions: [{ what: 'Visit', owner: 'TM', dueOn: '31/12/2026' }] },
      [['action-complete', 'actions.0']],
    ],
    [
      'the second action incomplete',
      'CIN',
      {
        actions: [
          { what: 'Visit', owner: 'TM', dueOn: '2026-12-31' },
          { what: 'Visit', owner: '\t', dueOn: '2026-12-31' },
        ],
      },
      [['action-complete', 'actions.1']],
    ],
  ])('refuses %s (%s)', (_label, cohort, draft, expected) => {
    expect(rulesOf(draftShapeProblems(tool, cohort, draft))).toEqual(expected);
  });

  it('accepts evidence written before its grade is chosen; finishing still asks for the grade', () => {
    const draft: AuditDraft = { domains: { plan: { evidence: 'No plan on file since March' } } };
    expect(draftShapeProblems(tool, 'CIN', draft)).toEqual([]);
    expect(rulesOf(gradingProblems(tool, 'CIN', draft, 0))).toContainEqual(['domain-graded', 'domains.plan']);
  });

  it('refuses a null judgement rather than throwing, and lets null answers through as unanswered', () => {
    const draft = {
      domains: { plan: null },
      improved: null,
      overall: { grade: null },
    } as unknown as AuditDraft;
    expect(rulesOf(draftShapeProblems(tool, 'CIN', draft))).toEqual([['grade-scale', 'domains.plan.grade']]);
  });

  it('refuses evidence that is not text, and grading treats it as missing instead of throwing', () => {
    const draft = { domains: { plan: { grade: 'inadequate', evidence: 5 } } } as unknown as AuditDraft;
    expect(rulesOf(draftShapeProblems(tool, 'CIN', draft))).toEqual([
      ['evidence-text', 'domains.plan.evidence'],
    ]);
    expect(() => gradingProblems(tool, 'CIN', draft, 0)).not.toThrow();
    expect(rulesOf(gradingProblems(tool, 'CIN', draft, 0))).toContainEqual([
      'evidence-for-low-grade',
      'domains.plan.evidence',
    ]);
  });

  it('reports every problem, not just the first', () => {
    const draft: AuditDraft = {
      domains: { nope: { grade: 'good' }, plan: { grade: 'meh' as Grade } },
      compliance: { nope: 'met' },
      actions: [{ what: '', owner: '', dueOn: '' }],
    };
    expect(fieldsOf(draftShapeProblems(tool, 'CIN', draft))).toEqual(
      ['domains.nope', 'domains.plan.grade', 'compliance.nope', 'actions.0'].sort(),
    );
  });

  it.each([
    ['2026-11-30', [['action-due-after-start', 'actions.0.dueOn']]],
    ['2026-12-01', []],
    ['2027-06-30', []],
  ])('an action due %s on an audit started 2026-12-01', (dueOn, expected) => {
    const draft: AuditDraft = { actions: [{ what: 'Visit', owner: 'TM', dueOn }] };
    expect(rulesOf(draftShapeProblems(tool, 'CIN', draft, '2026-12-01'))).toEqual(expected);
  });

  it.each(['2026-02-30', '9999-12-31', '2026-12-31T00:00:00Z'])(
    'refuses an action due %s, not a real date',
    (dueOn) => {
      const draft: AuditDraft = { actions: [{ what: 'Visit', owner: 'TM', dueOn }] };
      expect(rulesOf(draftShapeProblems(tool, 'CIN', draft))).toEqual([['action-complete', 'actions.0']]);
    },
  );

  it.each<[string, AuditDraft['actions'], [string, string][]]>([
    ['a user as owner', [{ what: 'Visit', ownerId: 4, dueOn: '2027-01-31' }], []],
    ['the free-text owner of an older draft', [{ what: 'Visit', owner: 'TM', dueOn: '2027-01-31' }], []],
    ['no owner at all', [{ what: 'Visit', dueOn: '2027-01-31' }], [['action-complete', 'actions.0']]],
    ['a domain of the tool', [{ what: 'Visit', ownerId: 4, domainKey: 'plan', dueOn: '2027-01-31' }], []],
    [
      'a domain the tool lacks for the cohort',
      [{ what: 'Visit', ownerId: 4, domainKey: 'pathway_plan', dueOn: '2027-01-31' }],
      [['known-domain', 'actions.0.domainKey']],
    ],
  ])('a draft action with %s', (_, actions, expected) => {
    expect(rulesOf(draftShapeProblems(tool, 'CIN', { actions }))).toEqual(expected);
  });

  it('refuses over-long evidence', () => {
    const draft: AuditDraft = { domains: { plan: { grade: 'good', evidence: 'x'.repeat(10_001) } } };
    expect(rulesOf(draftShapeProblems(tool, 'CIN', draft))).toEqual([
      ['evidence-text', 'domains.plan.evidence'],
    ]);
  });

  it('never reads an inherited member as a judgement when the tool has a key named like one', () => {
    const odd = {
      domains: [{ key: 'constructor', title: 'C', guidance: [], cohorts: null }],
      compliance: [],
    };
    expect(rulesOf(gradingProblems(odd, 'CIN', {}, 0))).toContainEqual([
      'domain-graded',
      'domains.constructor',
    ]);
  });
});
