import {
  moderationCommand,
  moderationFieldId,
  moderationQuestions,
  unansweredQuestions,
} from './moderation-form.js';

const domains = [
  { key: 'safety', title: 'Safety' },
  { key: 'voice', title: 'Voice of the child' },
];
const grades = [
  { source: 'auditor', domainKey: 'safety', grade: 'good' },
  { source: 'auditor', domainKey: 'voice', grade: 'requires_improvement' },
  { source: 'moderator', domainKey: 'voice', grade: 'good' },
];

describe('the moderation form', () => {
  it('sets the auditor’s grade beside each choice, overall first', () => {
    const questions = moderationQuestions(domains, grades, 'good', {
      overall: 'agree',
      'domain-voice': 'good',
    });
    expect(questions).toEqual([
      { id: 'overall', title: 'Overall grade', auditorGrade: 'good', choice: 'agree' },
      { id: 'domain-safety', title: 'Safety', auditorGrade: 'good', choice: undefined },
      {
        id: 'domain-voice',
        title: 'Voice of the child',
        auditorGrade: 'requires_improvement',
        choice: 'good',
      },
    ]);
  });

  it('names each judgement not made, or made with a value the form does not offer', () => {
    const questions = moderationQuestions(domains, grades, 'good', { 'domain-voice': 'brilliant' });
    const errors = unansweredQuestions(questions)!;
    expect(errors.summary.map((s) => s.href)).toEqual(['#overall', '#domain-safety', '#domain-voice']);
    expect(errors.summary[0].text).toBe(
      'Choose whether you agree with the overall grade, or the grade you would give',
    );
    expect(errors.fields['domain-safety'].text).toContain('Safety');
    const answered = moderationQuestions(domains, grades, 'good', {
      overall: 'agree',
      'domain-safety': 'agree',
      'domain-voice': 'inadequate',
    });
    expect(unansweredQuestions(answered)).toBeNull();
  });

  it('keeps the auditor’s grade on agreement and sends only the domains changed', () => {
    const questions = moderationQuestions(domains, grades, 'good', {
      overall: 'agree',
      'domain-safety': 'good',
      'domain-voice': 'inadequate',
    });
    expect(moderationCommand(questions, '7', '  Evidence was thin.  ')).toEqual({
      version: 7,
      overallGrade: 'good',
      domains: { voice: 'inadequate' },
      comment: 'Evidence was thin.',
    });
  });

  it('sends a changed overall grade, no domains when all agree, and no blank comment', () => {
    const questions = moderationQuestions(domains, grades, 'good', {
      overall: 'requires_improvement',
      'domain-safety': 'agree',
      'domain-voice': 'agree',
    });
    expect(moderationCommand(questions, '3', '   ')).toEqual({
      version: 3,
      overallGrade: 'requires_improvement',
      domains: undefined,
      comment: undefined,
    });
  });

  it.each([
    ['overallGrade', 'overall'],
    ['domains.voice', 'domain-voice'],
    ['comment', 'comment'],
    ['version', undefined],
  ])('maps the API field %s to the form field %s', (field, id) => {
    expect(moderationFieldId(field)).toBe(id);
  });
});
