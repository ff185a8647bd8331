import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { columns } from './column-builders.js';

/**
 * The audit itself: versioned audit tools, the audit as a workflow (its state and snapshot on
 * the audit row), grades per domain and compliance item, moderation, escalations and the
 * notification outbox.
 *
 * Audits written before this migration kept their progress in a `status` column. They become
 * audit machine version 1 snapshots (`{"status": …}`), which the workflow runner upgrades to the
 * current machine version the first time an event is sent to them (see audit-snapshots.ts).
 */
export class AuditWorkflow1763900000000 implements MigrationInterface {
  name = 'AuditWorkflow1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'audit_tools',
        columns: [
          c.id(),
          c.varchar('key', 60),
          c.int('version'),
          c.varchar('title', 200),
          c.varchar('status', 20),
          c.text('definition'),
          c.varchar('published_at', 30, true),
          c.varchar('retired_at', 30, true),
          c.varchar('created_by', 120),
          c.int('row_version'),
          c.createdAt(),
        ],
        indices: [new TableIndex({ columnNames: ['key', 'version'], isUnique: true })],
      }),
    );
    const placeholders = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        queryRunner.connection.options.type === 'postgres' ? `$${i + 1}` : '?',
      );
    await queryRunner.query(
      `INSERT INTO audit_tools (key, version, title, status, definition, published_at, created_by, row_version)
       VALUES (${placeholders(8).join(', ')})`,
      [
        'standard',
        1,
        'Case audit toolkit',
        'published',
        JSON.stringify(STANDARD_TOOL_V1),
        new Date(0).toISOString(),
        'migration',
        1,
      ],
    );

    await queryRunner.addColumns('cycles', [
      new TableColumn(c.int('audit_tool_id', true)),
      new TableColumn({ ...c.float('moderation_rate'), isNullable: true }),
    ]);

    await this.rebuildAudits(queryRunner);

    await queryRunner.createTable(
      new Table({
        name: 'audit_domain_grades',
        columns: [
          c.id(),
          c.int('audit_id'),
          c.varchar('source', 12),
          c.varchar('domain_key', 60),
          c.varchar('grade', 30),
          c.text('evidence', true),
        ],
        indices: [
          new TableIndex({ columnNames: ['audit_id', 'source', 'domain_key'], isUnique: true }),
          new TableIndex({ columnNames: ['domain_key', 'grade'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_compliance',
        columns: [c.id(), c.int('audit_id'), c.varchar('item_key', 60), c.varchar('answer', 20)],
        indices: [new TableIndex({ columnNames: ['audit_id', 'item_key'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'moderations',
        columns: [
          c.id(),
          { ...c.int('audit_id'), isUnique: true },
          c.int('moderator_id'),
          c.varchar('auditor_grade', 30),
          c.varchar('overall_grade', 30, true),
          { ...c.bool('agreed', false), isNullable: true, default: undefined },
          c.text('comment', true),
          c.varchar('moderated_at', 30, true),
          c.varchar('assigned_at', 30),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'escalations',
        columns: [
          c.id(),
          c.int('audit_id'),
          c.int('locality_id', true),
          c.int('raised_by'),
          c.text('reason'),
          c.varchar('raised_at', 30),
          c.int('acknowledged_by', true),
          c.varchar('acknowledged_at', 30, true),
          c.text('response', true),
          c.varchar('machine_id', 60),
          c.varchar('machine_version', 20),
          c.varchar('state', 40),
          c.text('snapshot'),
          c.version(),
        ],
        indices: [
          new TableIndex({ columnNames: ['audit_id'] }),
          new TableIndex({ columnNames: ['locality_id', 'state'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          c.id(),
          c.varchar('kind', 40),
          c.int('recipient_id'),
          c.varchar('subject', 200),
          c.text('payload'),
          c.varchar('sent_at', 30, true),
          { ...c.int('attempts'), default: 0 },
          c.varchar('last_error', 300, true),
          c.createdAt(),
        ],
        indices: [new TableIndex({ columnNames: ['sent_at'] })],
      }),
    );
  }

  /** Audits gain their workflow columns; each row's status becomes a version 1 snapshot. */
  private async rebuildAudits(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const old = await queryRunner.getTable('audits');
    for (const index of old!.indices) await queryRunner.dropIndex('audits', index);
    await queryRunner.renameTable('audits', 'audits_v1');
    await queryRunner.createTable(
      new Table({
        name: 'audits',
        columns: [
          c.id(),
          c.int('cycle_id'),
          c.int('case_id'),
          c.int('team_id'),
          c.varchar('cohort_code', 20),
          c.varchar('selection_rank', 64),
          c.bool('recently_audited', false),
          c.int('tier'),
          c.int('auditor_id', true),
          c.varchar('unallocated_reason', 200, true),
          c.varchar('withdrawn_reason', 500, true),
          c.varchar('machine_id', 60),
          c.varchar('machine_version', 20),
          c.varchar('state', 40),
          c.text('snapshot'),
          c.int('tool_id', true),
          c.text('draft', true),
          c.varchar('overall_grade', 30, true),
          c.text('overall_rationale', true),
          c.varchar('improved', 20, true),
          { ...c.bool('discussion_happened', false), isNullable: true, default: undefined },
          c.text('discussion', true),
          c.text('family_feedback', true),
          c.int('moderator_id', true),
          c.varchar('started_at', 30, true),
          c.varchar('submitted_at', 30, true),
          c.varchar('completed_at', 30, true),
          c.version(),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          new TableIndex({ columnNames: ['cycle_id', 'case_id'], isUnique: true }),
          new TableIndex({ columnNames: ['auditor_id', 'state'] }),
          new TableIndex({ columnNames: ['case_id'] }),
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO audits (id, cycle_id, case_id, team_id, cohort_code, selection_rank, recently_audited, tier,
         auditor_id, unallocated_reason, withdrawn_reason, machine_id, machine_version, state, snapshot, version,
         created_at, updated_at)
       SELECT id, cycle_id, case_id, team_id, cohort_code, selection_rank, recently_audited, tier,
         auditor_id, unallocated_reason, withdrawn_reason, 'audit', '1', status,
         '{"status":"' || status || '"}', version, created_at, updated_at
       FROM audits_v1`,
    );
    if (queryRunner.connection.options.type === 'postgres') {
      // Rows were copied with their ids: move the sequence past them.
      await queryRunner.query(
        `SELECT setval(pg_get_serial_sequence('audits', 'id'), COALESCE((SELECT MAX(id) FROM audits), 0) + 1, false)`,
      );
    }
    await queryRunner.dropTable('audits_v1');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'notifications',
      'escalations',
      'moderations',
      'audit_compliance',
      'audit_domain_grades',
    ]) {
      await queryRunner.dropTable(table);
    }
    const c = columns(queryRunner);
    await queryRunner.addColumn(
      'audits',
      new TableColumn({ ...c.varchar('status', 20), default: "'allocated'" }),
    );
    await queryRunner.query(
      `UPDATE audits SET status = CASE WHEN state IN ('unallocated', 'withdrawn') THEN state
         WHEN state IN ('completed', 'closed') THEN 'completed' ELSE 'allocated' END`,
    );
    await queryRunner.dropIndex('audits', new TableIndex({ columnNames: ['auditor_id', 'state'] }));
    for (const column of [
      'machine_id',
      'machine_version',
      'state',
      'snapshot',
      'tool_id',
      'draft',
      'overall_grade',
      'overall_rationale',
      'improved',
      'discussion_happened',
      'discussion',
      'family_feedback',
      'moderator_id',
      'started_at',
      'submitted_at',
      'completed_at',
    ]) {
      await queryRunner.dropColumn('audits', column);
    }
    await queryRunner.createIndex('audits', new TableIndex({ columnNames: ['auditor_id', 'status'] }));
    await queryRunner.dropColumn('cycles', 'moderation_rate');
    await queryRunner.dropColumn('cycles', 'audit_tool_id');
    await queryRunner.dropTable('audit_tools');
  }
}

/**
 * Version 1 of the standard tool exactly as this migration seeds it: frozen here as data, so a
 * later change to the tool (a new version through the API) never changes what this migration wrote.
 */
export const STANDARD_TOOL_V1 = {
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
