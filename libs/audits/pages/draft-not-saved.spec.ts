import { notSavedErrors, notSavedMessage } from './draft-not-saved.js';

const tool = {
  domains: [{ key: 'plan', title: 'Planning', guidance: [], cohorts: null }],
  compliance: [{ key: 'seen', question: 'Was the child seen?', cohorts: null }],
};

describe('what a draft save did not store, in words', () => {
  it.each([
    [
      'actions.0.dueOn',
      'dueOn must be a real date YYYY-MM-DD from 2000-01-01 to 2099-12-31',
      'Action 1 was not saved: the due date must be a real date',
    ],
    ['actions.1.owner', 'owner must not be blank', 'Action 2 was not saved: enter who owns it'],
    [
      'actions.0.dueOn',
      'an action cannot be due before the audit started (2026-12-01)',
      'Action 1 was not saved: an action cannot be due before the audit started (1 December 2026)',
    ],
    [
      'actions.2',
      'an action needs what, who owns it and a due date',
      'Action 3 was not saved: an action needs what, who owns it and a due date',
    ],
    [
      'domains.plan.evidence',
      'evidence must be at most 10000 characters',
      'The evidence for Planning was not saved: it must be 10,000 characters or fewer',
    ],
    [
      'overall.rationale',
      'rationale must be shorter than or equal to 10000 characters',
      'The rationale for the overall grade was not saved: it must be 10,000 characters or fewer',
    ],
    [
      'overall.grade',
      'grade must be one of outstanding, good',
      'The overall grade was not saved: it is not one of the choices',
    ],
    [
      'compliance.seen',
      'answer must be one of met, not_met',
      'The answer to “Was the child seen?” was not saved: it is not one of the choices',
    ],
  ])('%s (%s) reads “%s”', (field, message, words) => {
    expect(notSavedMessage(tool, field, message)).toBe(words);
  });

  it('links each entry of the error summary to its box', () => {
    const errors = notSavedErrors(tool, [
      { field: 'actions.0.dueOn', message: 'dueOn must be a real date YYYY-MM-DD' },
      { field: 'overall.rationale', message: 'rationale must be shorter than or equal to 10000 characters' },
    ]);
    expect(errors.summary.map((e) => e.href)).toEqual(['#action-0-dueOn-day', '#overall-rationale']);
    expect(errors.fields['action-0-dueOn-day'].text).toBe(
      'Action 1 was not saved: the due date must be a real date',
    );
  });
});
