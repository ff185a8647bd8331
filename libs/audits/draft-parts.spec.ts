import { appliesTo, type Grade } from '../../workflows/audit-tool-definition.js';
import type { AuditDraft } from '../../workflows/audit-draft.js';
import { DEFAULT_AUDIT_TOOL } from '../../test/support/default-audit-tool.js';
import { DomainError } from '../common/index.js';
import { draftInputProblems, partOf, validParts } from './draft-parts.js';

const tool = DEFAULT_AUDIT_TOOL;
const cohort = 'CIN';
const STARTED = '2026-12-01';
const long = (words: string) => `${words} `.repeat(60).trim();

/** Every grade, every piece of evidence and the rationale, and two actions: the auditor's morning. */
const fullDraft = (): AuditDraft => ({
  domains: Object.fromEntries(
    tool.domains
      .filter((d) => appliesTo(d, cohort))
      .map((d) => [d.key, { grade: 'requires_improvement' as Grade, evidence: long(`Found for ${d.key}.`) }]),
  ),
  compliance: { basic_details: 'met', plan_current: 'not_met' },
  improved: 'no',
  overall: { grade: 'requires_improvement', rationale: long('The plan has drifted since March.') },
  actions: [
    { what: 'Review the plan', owner: 'Team manager', dueOn: '2027-01-31' },
    { what: 'Visit the child', owner: 'Social worker', dueOn: '2027-01-15' },
  ],
});

/** The page's save: the API's input checks, then the rules, on the posted draft over `saved`. */
async function save(posted: AuditDraft, saved: AuditDraft = {}) {
  const input = await draftInputProblems(posted as Record<string, unknown>);
  return validParts(tool, cohort, STARTED, posted, saved, input);
}
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('a draft saved part by part', () => {
  it.each([
    ['domains.plan.grade', 'domains.plan.grade'],
    ['domains.plan.evidence', 'domains.plan.evidence'],
    ['domains.made_up', 'domains.made_up'],
    ['compliance.gp', 'compliance.gp'],
    ['improved', 'improved'],
    ['overall.rationale', 'overall.rationale'],
    ['actions.0.dueOn', 'actions.0'],
    ['actions[3].owner', 'actions.3'],
    ['actions', undefined],
    ['domains', undefined],
    ['version', undefined],
  ])('the part of %s is %s', (field, part) => {
    expect(partOf(field)).toBe(part);
  });

  it('stores a whole valid draft as posted, naming nothing', async () => {
    const { draft, notSaved } = await save(fullDraft());
    expect(notSaved).toEqual([]);
    expect(draft).toEqual(fullDraft());
  });

  it('stores everything but the action due 31 February, and names only its due date', async () => {
    const posted = fullDraft();
    posted.actions![1].dueOn = '2027-02-31';
    const { draft, notSaved } = await save(posted);
    expect(fields(notSaved)).toEqual(['actions.1.dueOn']);
    expect(notSaved[0].message).toMatch(/real date/);
    expect(draft).toEqual({ ...fullDraft(), actions: [fullDraft().actions![0]] });
  });

  it('names one box once, though two rules refuse it (what is to be done left empty)', async () => {
    const posted: AuditDraft = { actions: [{ what: '', ownerId: 4, dueOn: '2027-01-31' }] };
    const { draft, notSaved } = await save(posted);
    expect(fields(notSaved)).toEqual(['actions.0.what']);
    expect(draft.actions).toEqual([]);
  });

  it('leaves out an action due before the audit started, keeping the other', async () => {
    const posted = fullDraft();
    posted.actions![0].dueOn = '2026-11-30';
    const { draft, notSaved } = await save(posted);
    expect(notSaved.map((p) => [p.field, (p as { rule?: string }).rule])).toEqual([
      ['actions.0.dueOn', 'action-due-after-start'],
    ]);
    expect(draft.actions).toEqual([fullDraft().actions![1]]);
  });

  it('keeps the text saved before when the new one is too long, and the other parts as posted', async () => {
    const before = fullDraft();
    const posted = fullDraft();
    posted.overall = { grade: 'inadequate', rationale: 'x'.repeat(10_001) };
    posted.domains!.plan = { grade: 'good', evidence: 'y'.repeat(10_001) };
    const { draft, notSaved } = await save(posted, before);
    expect(fields(notSaved).sort()).toEqual(['domains.plan.evidence', 'overall.rationale']);
    expect(draft.overall).toEqual({ grade: 'inadequate', rationale: before.overall!.rationale });
    expect(draft.domains!.plan).toEqual({ grade: 'good', evidence: before.domains!.plan.evidence });
  });

  it('stores evidence written before the grade is chosen', async () => {
    const { draft, notSaved } = await save({ domains: { plan: { evidence: 'No plan on file' } } });
    expect(notSaved).toEqual([]);
    expect(draft.domains).toEqual({ plan: { evidence: 'No plan on file' } });
  });

  it('leaves out a domain and an answer the tool does not have, and a grade off the scale', async () => {
    const posted = fullDraft();
    posted.domains!.made_up = { grade: 'good' };
    posted.compliance!.court_documents = 'met';
    posted.improved = 'perhaps' as 'yes';
    const { draft, notSaved } = await save(posted, { improved: 'too_early' });
    expect(fields(notSaved).sort()).toEqual(['compliance.court_documents', 'domains.made_up', 'improved']);
    expect(draft).toEqual({ ...fullDraft(), improved: 'too_early' });
  });

  it('refuses the whole save when a problem belongs to no part (a body the page never sends)', async () => {
    const posted = { ...fullDraft(), domains: 'all good' } as unknown as AuditDraft;
    await expect(save(posted)).rejects.toBeInstanceOf(DomainError);
  });
});
