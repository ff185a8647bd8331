import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { columns } from './column-builders.js';

/** The foundation: organisation, people, sessions, the case register, cycles and audits. */
export class InitialSchema1763830000000 implements MigrationInterface {
  name = 'InitialSchema1763830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({ name: 'localities', columns: [c.id(), { ...c.varchar('name', 100), isUnique: true }] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'cohorts',
        columns: [
          { ...c.varchar('code', 20), isPrimary: true },
          c.varchar('title', 100),
          { ...c.int('specificity'), default: 0 },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'teams',
        columns: [
          c.id(),
          { ...c.varchar('name', 120), isUnique: true },
          c.int('locality_id', true),
          c.varchar('cohort_code', 20, true),
          c.bool('is_unallocated', false),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          { ...c.varchar('username', 60), isUnique: true },
          c.varchar('display_name', 120),
          c.varchar('role', 40),
          c.int('team_id', true),
          c.int('locality_id', true),
          c.varchar('password_hash', 200),
          c.bool('active', true),
          c.createdAt(),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          c.id(),
          c.varchar('token_hash', 64),
          c.int('user_id'),
          c.varchar('expires_at', 30),
          c.createdAt(),
        ],
        indices: [new TableIndex({ columnNames: ['token_hash'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'cases',
        columns: [
          c.id(),
          c.varchar('case_ref', 64),
          c.varchar('cohort_code', 20),
          c.int('team_id'),
          c.varchar('worker', 120, true),
          c.varchar('team_manager', 120, true),
          c.varchar('opened_on', 10),
          c.varchar('closed_on', 10, true),
          c.updatedAt(),
        ],
        indices: [
          new TableIndex({ columnNames: ['case_ref'], isUnique: true }),
          new TableIndex({ columnNames: ['closed_on'] }),
          new TableIndex({ columnNames: ['team_id', 'cohort_code'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'import_runs',
        columns: [
          c.id(),
          c.varchar('format', 20),
          c.varchar('files', 500),
          c.varchar('as_of', 10),
          { ...c.bool('full', false), default: undefined },
          c.int('imported'),
          c.int('updated'),
          c.int('closed'),
          c.int('unchanged'),
          c.int('rejected'),
          c.varchar('actor', 120),
          c.createdAt(),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'cycles',
        columns: [
          c.id(),
          c.varchar('kind', 10),
          c.varchar('month', 7),
          { ...c.varchar('monthly_key', 7, true), isUnique: true },
          c.varchar('title', 200, true),
          c.varchar('as_of', 10),
          c.varchar('deadline', 10),
          c.float('rate'),
          c.int('sample_count', true),
          c.varchar('seed', 64),
          c.int('exclude_months'),
          c.int('tier3_count'),
          c.text('filter'),
          c.text('strata'),
          c.varchar('machine_id', 60),
          c.varchar('machine_version', 20),
          c.varchar('state', 40),
          c.text('snapshot'),
          c.version(),
          c.varchar('created_by', 120),
          c.createdAt(),
          c.updatedAt(),
        ],
      }),
    );
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
          c.varchar('status', 20),
          c.varchar('withdrawn_reason', 500, true),
          c.version(),
          c.createdAt(),
          c.updatedAt(),
        ],
        indices: [
          new TableIndex({ columnNames: ['cycle_id', 'case_id'], isUnique: true }),
          new TableIndex({ columnNames: ['auditor_id', 'status'] }),
          new TableIndex({ columnNames: ['case_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'workflow_transitions',
        columns: [
          c.id(),
          c.varchar('entity_type', 30),
          c.int('entity_id'),
          c.varchar('machine_id', 60),
          c.varchar('machine_version', 20),
          c.varchar('event', 40),
          c.varchar('from_state', 40),
          c.varchar('to_state', 40),
          c.int('actor_id', true),
          c.varchar('actor_label', 120),
          c.text('detail', true),
          c.createdAt('at'),
        ],
        indices: [new TableIndex({ columnNames: ['entity_type', 'entity_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'workflow_transitions',
      'audits',
      'cycles',
      'import_runs',
      'cases',
      'sessions',
      'users',
      'teams',
      'cohorts',
      'localities',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
