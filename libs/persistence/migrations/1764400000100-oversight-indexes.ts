import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * The oversight list (`GET audits`) filters a locality's audits by team, cohort, state and
 * grade, and counts them: without these each filter read every audit of every cycle. A head of
 * service's locality is its teams, so `team_id` leads (with the state filter beside it).
 */
const INDEXES: string[][] = [['team_id', 'state'], ['cohort_code'], ['state'], ['overall_grade']];

export class OversightIndexes1764400000100 implements MigrationInterface {
  name = 'OversightIndexes1764400000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const columnNames of INDEXES) {
      await queryRunner.createIndex('audits', new TableIndex({ columnNames }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const columnNames of [...INDEXES].reverse()) {
      await queryRunner.dropIndex('audits', new TableIndex({ columnNames }));
    }
  }
}
