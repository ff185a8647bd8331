import type { AuditToolDefinition } from '../../workflows/audit-tool-definition.js';

/**
 * The default toolkit, built from the domains and compliance items the council's own documents
 * name (see shared/DOMAIN.md): what the audit-workflow migration seeds as version 1 of the
 * "standard" tool (the migration keeps its own frozen copy; the e2e specs check the two agree).
 */
export const DEFAULT_AUDIT_TOOL: AuditToolDefinition = {
  domains: [
    {
      key: 'voice_of_child',
      title: 'Voice of the child and lived experience',
      guidance: [
        'Is the child seen, and seen alone where appropriate?',
        'Are the child’s wishes and feelings recorded in their own words and do they shape the plan?',
        'Does the record show what daily life is like for this child?',
      ],
      cohorts: null,
    },
    {
      key: 'assessment',
      title: 'Quality of assessment',
      guidance: [
        'Is the history considered, including previous involvement?',
        'Are identity and diversity understood?',
        'Are risk and protective factors identified and analysed, not only described?',
      ],
      cohorts: null,
    },
    {
      key: 'plan',
      title: 'Quality of the plan',
      guidance: [
        'Is the plan specific, measurable and focused on outcomes for the child?',
        'Does it have timescales and a contingency?',
      ],
      cohorts: null,
    },
    {
      key: 'management_oversight',
      title: 'Management oversight and supervision',
      guidance: [
        'Is there recorded management direction with a rationale?',
        'Does supervision challenge drift and reflect on the child’s progress?',
      ],
      cohorts: null,
    },
    {
      key: 'chronology',
      title: 'Chronology',
      guidance: ['Is there an up-to-date chronology of significant events that informs the analysis?'],
      cohorts: null,
    },
    {
      key: 'multi_agency',
      title: 'Multi-agency work and strategy discussions',
      guidance: [
        'Are partner agencies involved and contributing?',
        'Were strategy discussions held when needed, with the right agencies?',
      ],
      cohorts: null,
    },
    {
      key: 'risk_analysis',
      title: 'Risk analysis',
      guidance: ['Is the approach risk-sensible and strengths-based?', 'Is the analysis of risk current?'],
      cohorts: ['CIN', 'CP', 'CLA'],
    },
    {
      key: 'permanence',
      title: 'Permanence planning',
      guidance: [
        'Is there a permanence plan by the second review?',
        'Is the plan progressing without drift?',
      ],
      cohorts: ['CLA'],
    },
    {
      key: 'pathway_plan',
      title: 'Pathway planning',
      guidance: [
        'Is there an up-to-date pathway plan written with the young person?',
        'Does it cover accommodation, education, employment and health?',
      ],
      cohorts: ['CL'],
    },
  ],
  compliance: [
    { key: 'basic_details', question: 'Basic details are complete, including school and GP', cohorts: null },
    { key: 'court_documents', question: 'Court documents are on file', cohorts: ['CP', 'CLA'] },
    { key: 'identity_documents', question: 'Identity documents are on file', cohorts: ['CLA', 'CL'] },
    { key: 'assessment_current', question: 'There is an up-to-date assessment', cohorts: null },
    {
      key: 'visits_in_timescale',
      question: 'Statutory visits are within timescale',
      cohorts: ['CP', 'CLA', 'CL'],
    },
    { key: 'reviews_in_timescale', question: 'Reviews are within timescale', cohorts: ['CP', 'CLA'] },
    { key: 'plan_current', question: 'There is a current plan', cohorts: null },
  ],
};
