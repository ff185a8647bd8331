import { auditorEvidence } from './moderation-evidence.js';

describe('auditorEvidence', () => {
  it('gives the rationale to the overall grade and each auditor’s evidence to its domain', () => {
    expect(
      auditorEvidence({
        overallRationale: 'Plans lack timescales.',
        grades: [
          { source: 'auditor', domainKey: 'voice', evidence: 'The child’s words are recorded.' },
          { source: 'moderator', domainKey: 'voice', evidence: null },
          { source: 'auditor', domainKey: 'plan', evidence: '  ' },
        ],
      }),
    ).toEqual({ overall: 'Plans lack timescales.', 'domain-voice': 'The child’s words are recorded.' });
  });

  it('gives nothing where the auditor wrote nothing', () => {
    expect(auditorEvidence({ overallRationale: null, grades: [] })).toEqual({});
  });
});
