import { DomainError, ErrorCode } from '../../common/index.js';
import { formErrorsFrom } from '../../web/index.js';
import { discussionFieldMap, discussionFromValues, discussionValuesFromForm } from './discussion-form.js';
import { dateFromParts, partsOfDate } from './form-values.js';
import {
  draftFromValues,
  gradingFieldId,
  gradingFieldMap,
  valuesFromDraft,
  valuesFromForm,
} from './grading-form.js';

const tool = {
  domains: [
    { key: 'plan', title: 'Planning', guidance: [], cohorts: null },
    { key: 'voice', title: 'Voice of the child', guidance: [], cohorts: null },
  ],
  compliance: [{ key: 'seen', question: 'Was the child seen?', cohorts: null }],
};

describe('the grading form', () => {
  it.each([
    ['domains.plan', 'grade-plan'],
    ['domains.plan.grade', 'grade-plan'],
    ['domains.plan.evidence', 'evidence-plan'],
    ['compliance.seen', 'compliance-seen'],
    ['improved', 'improved'],
    ['overall.grade', 'overall-grade'],
    ['overall.rationale', 'overall-rationale'],
    ['actions', 'action-0-what'],
    ['actions.2', 'action-2-what'],
    ['actions[1].owner', 'action-1-ownerId'],
    ['actions.1.ownerId', 'action-1-ownerId'],
    ['actions.0.successMeasure', 'action-0-successMeasure'],
    ['actions.1.dueOn', 'action-1-dueOn-day'],
    ['grades[0].grade', undefined],
    ['version', undefined],
  ])('sends %s to #%s', (field, id) => {
    expect(gradingFieldId(field)).toBe(id);
  });

  it('turns the posted form into the API’s draft, leaving out what was not answered', () => {
    const form = {
      'grade-plan': 'inadequate',
      'evidence-plan': 'No plan on file',
      'grade-voice': '',
      'evidence-voice': ' ',
      'compliance-seen': 'met',
      improved: '',
      'overall-grade': 'inadequate',
      'overall-rationale': 'Drift',
      actionRows: '2',
      'action-0-what': 'Write the plan',
      'action-0-owner': 'Team manager',
      'action-0-dueOn-day': '5',
      'action-0-dueOn-month': '1',
      'action-0-dueOn-year': '2027',
      'action-1-what': '',
    };
    expect(draftFromValues(valuesFromForm(form, tool))).toEqual({
      domains: { plan: { grade: 'inadequate', evidence: 'No plan on file' } },
      compliance: { seen: 'met' },
      overall: { grade: 'inadequate', rationale: 'Drift' },
      actions: [{ what: 'Write the plan', owner: 'Team manager', dueOn: '2027-01-05' }],
    });
  });

  it('keeps evidence written before a grade is chosen, for the API to refuse in words', () => {
    const values = valuesFromForm({ 'evidence-plan': 'Seen in file' }, tool);
    expect(values.domains.plan).toEqual({ grade: undefined, evidence: 'Seen in file' });
  });

  it('shows a saved draft back in the form', () => {
    const values = valuesFromDraft({
      domains: { plan: { grade: 'good' } },
      actions: [{ what: 'Visit', owner: 'TM', dueOn: '2026-12-31' }],
    });
    expect(values.domains.plan.grade).toBe('good');
    expect(values.actions[0]).toEqual({
      what: 'Visit',
      why: '',
      domainKey: '',
      ownerId: '',
      owner: 'TM',
      successMeasure: '',
      day: '31',
      month: '12',
      year: '2026',
    });
  });

  it('says a grade refusal in words naming the domain, and links each problem to its field', () => {
    const error = new DomainError(ErrorCode.Validation, 'x', {
      errors: [
        { field: 'domains.plan.grade', message: 'grade must be one of outstanding, good' },
        { field: 'domains.voice', message: 'grade Voice of the child' },
      ],
    });
    expect(formErrorsFrom(error, gradingFieldMap(tool), 'save').summary).toEqual([
      { text: 'Select a grade for Planning', href: '#grade-plan' },
      { text: 'Select a grade for Voice of the child', href: '#grade-voice' },
    ]);
  });
});

describe('dates in three boxes', () => {
  it.each([
    [{ day: '5', month: '1', year: '2027' }, '2027-01-05'],
    [{ day: '', month: '', year: '' }, ''],
    [{ day: '31', month: '2', year: '2027' }, '2027-02-31'],
    [{ day: 'x', month: '1', year: '2027' }, '2027-01-x'],
  ])('%j → %j', (parts, date) => {
    expect(dateFromParts(parts)).toBe(date);
  });

  it('reads a stored date back into boxes', () => {
    expect(partsOfDate('2026-03-09')).toEqual({ day: '9', month: '3', year: '2026' });
    expect(partsOfDate(undefined)).toEqual({ day: '', month: '', year: '' });
  });
});

describe('the discussion form', () => {
  it('asks only for the reason when the discussion did not happen', () => {
    const values = discussionValuesFromForm({ happened: 'no', notHeldReason: 'On leave', summary: 'x' });
    expect(discussionFromValues(values)).toEqual({ happened: false, notHeldReason: 'On leave' });
  });

  it.each([
    ['discussion.heldOn', 'heldOn-day'],
    ['discussion.summary', 'summary'],
    ['discussion', 'happened'],
    ['happened', 'happened'],
    ['notHeldReason', 'notHeldReason'],
  ])('sends %s to #%s', (field, id) => {
    expect(discussionFieldMap.idFor(field)).toBe(id);
  });
});
