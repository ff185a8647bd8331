import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { columns } from './column-builders.js';

/** Who looked at what: one row each time someone reads an audit. */
export class AccessRecords1763950000000 implements MigrationInterface {
  name = 'AccessRecords1763950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'access_records',
        columns: [
          c.id(),
          c.varchar('entity_type', 30),
          c.int('entity_id'),
          c.int('user_id', true),
          c.varchar('actor_label', 120),
          c.createdAt('at'),
        ],
        indices: [new TableIndex({ columnNames: ['entity_type', 'entity_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('access_records');
  }
}
