import type { AuditToolDefinition } from '../../workflows/audit-tool-definition.js';
import { DEFAULT_AUDIT_TOOL } from '../../test/support/default-audit-tool.js';
import { normaliseDefinition } from './definition-input.js';
import { validateDefinition } from './validate-definition.js';

const COHORTS = new Set(['CIN', 'CP', 'CLA', 'CL']);

const domain = (key: string, extra: Partial<AuditToolDefinition['domains'][number]> = {}) => ({
  key,
  title: `Domain ${key}`,
  guidance: [],
  cohorts: null,
  ...extra,
});
const item = (key: string, extra: Partial<AuditToolDefinition['compliance'][number]> = {}) => ({
  key,
  question: `Is ${key} met?`,
  cohorts: null,
  ...extra,
});
const tool = (
  domains: AuditToolDefinition['domains'],
  compliance: AuditToolDefinition['compliance'] = [],
): AuditToolDefinition => ({ domains, compliance });

describe('validateDefinition', () => {
  it('accepts the default toolkit against the standard cohorts', () => {
    expect(validateDefinition(DEFAULT_AUDIT_TOOL, COHORTS)).toEqual([]);
  });

  it.each<[string, AuditToolDefinition]>([
    ['one domain and no compliance items', tool([domain('plan')])],
    ['keys with digits', tool([domain('plan_2'), domain('a1')], [item('step_3b')])],
    ['a key of exactly 60 characters', tool([domain('a'.repeat(60))])],
    [
      'cohorts that exist',
      tool([domain('plan', { cohorts: ['CLA', 'CL'] })], [item('gp', { cohorts: ['CP'] })]),
    ],
    ['an empty cohort list (every cohort)', tool([domain('plan', { cohorts: [] })])],
    ['guidance lines', tool([domain('plan', { guidance: ['Is it specific?', 'Timescales?'] })])],
  ])('accepts %s', (_label, definition) => {
    expect(validateDefinition(definition, COHORTS)).toEqual([]);
  });

  it.each<[string, AuditToolDefinition, string[]]>([
    ['no domains', tool([], [item('gp')]), ['definition.domains']],
    ['an upper-case key', tool([domain('Plan')]), ['definition.domains[0].key']],
    ['a key with spaces', tool([domain('voice of child')]), ['definition.domains[0].key']],
    ['a kebab-case key', tool([domain('voice-of-child')]), ['definition.domains[0].key']],
    ['a key starting with a digit', tool([domain('1plan')]), ['definition.domains[0].key']],
    ['a key with a leading underscore', tool([domain('_plan')]), ['definition.domains[0].key']],
    ['a key with a trailing underscore', tool([domain('plan_')]), ['definition.domains[0].key']],
    ['a key with a double underscore', tool([domain('plan__b')]), ['definition.domains[0].key']],
    ['an empty key', tool([domain('')]), ['definition.domains[0].key']],
    ['a key of 61 characters', tool([domain('a'.repeat(61))]), ['definition.domains[0].key']],
    [
      'a compliance key that is not snake case',
      tool([domain('plan')], [item('GP')]),
      ['definition.compliance[0].key'],
    ],
    [
      'two domains with one key',
      tool([domain('plan'), domain('chronology'), domain('plan')]),
      ['definition.domains[2].key'],
    ],
    [
      'two compliance items with one key',
      tool([domain('plan')], [item('gp'), item('gp')]),
      ['definition.compliance[1].key'],
    ],
    [
      'a compliance item sharing a domain key',
      tool([domain('plan')], [item('plan')]),
      ['definition.compliance[0].key'],
    ],
    ['a blank domain title', tool([domain('plan', { title: '   ' })]), ['definition.domains[0].title']],
    ['an empty domain title', tool([domain('plan', { title: '' })]), ['definition.domains[0].title']],
    [
      'a blank compliance question',
      tool([domain('plan')], [item('gp', { question: ' \t' })]),
      ['definition.compliance[0].question'],
    ],
    [
      'a blank guidance line',
      tool([domain('plan', { guidance: ['ok', ' '] })]),
      ['definition.domains[0].guidance[1]'],
    ],
    [
      'an unknown domain cohort',
      tool([domain('plan', { cohorts: ['CLA', 'XYZ'] })]),
      ['definition.domains[0].cohorts[1]'],
    ],
    [
      'a lower-case cohort code',
      tool([domain('plan', { cohorts: ['cla'] })]),
      ['definition.domains[0].cohorts[0]'],
    ],
    [
      'an unknown compliance cohort',
      tool([domain('plan')], [item('gp', { cohorts: ['EH'] })]),
      ['definition.compliance[0].cohorts[0]'],
    ],
    [
      'several problems at once, in order',
      tool([domain('Bad Key', { title: '' }), domain('ok', { cohorts: ['NOPE'] })], [item('ok')]),
      [
        'definition.domains[0].key',
        'definition.domains[0].title',
        'definition.domains[1].cohorts[0]',
        'definition.compliance[0].key',
      ],
    ],
  ])('refuses %s', (_label, definition, fields) => {
    const problems = validateDefinition(definition, COHORTS);
    expect(problems.map((p) => p.field)).toEqual(fields);
    for (const problem of problems) expect(problem.message).not.toBe('');
  });

  it('names the first use of a duplicated key', () => {
    const [problem] = validateDefinition(tool([domain('plan')], [item('plan')]), COHORTS);
    expect(problem.message).toBe('key plan is already used by definition.domains[0]');
  });

  it('accepts a cohort an administrator added, once it exists', () => {
    const themed = tool([domain('early_help', { cohorts: ['EH'] })]);
    expect(validateDefinition(themed, COHORTS)).toHaveLength(1);
    expect(validateDefinition(themed, new Set([...COHORTS, 'EH']))).toEqual([]);
  });
});

describe('normaliseDefinition', () => {
  it.each([
    [undefined, null],
    [null, null],
    [[], null],
    [['CP'], ['CP']],
  ])('stores cohorts %j as %j', (cohorts, stored) => {
    const definition = normaliseDefinition({
      domains: [{ key: 'plan', title: 'Plan', cohorts }],
      compliance: [{ key: 'gp', question: 'GP?', cohorts }],
    });
    expect(definition.domains[0].cohorts).toEqual(stored);
    expect(definition.compliance[0].cohorts).toEqual(stored);
  });

  it('trims text, fills in guidance and leaves keys as sent', () => {
    expect(
      normaliseDefinition({
        domains: [
          { key: ' Plan ', title: '  Quality of the plan ', guidance: [' Specific? '] },
          { key: 'b', title: 'B' },
        ],
        compliance: [{ key: 'gp', question: ' GP recorded? ' }],
      }),
    ).toEqual({
      domains: [
        { key: ' Plan ', title: 'Quality of the plan', guidance: ['Specific?'], cohorts: null },
        { key: 'b', title: 'B', guidance: [], cohorts: null },
      ],
      compliance: [{ key: 'gp', question: 'GP recorded?', cohorts: null }],
    });
  });

  it('leaves the default toolkit as it is', () => {
    expect(normaliseDefinition(DEFAULT_AUDIT_TOOL)).toEqual(DEFAULT_AUDIT_TOOL);
  });
});
