import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columns } from './column-builders.js';

/** Notifications already pending when this runs are due at once. */
const DUE_AT_ONCE = '1970-01-01T00:00:00.000Z';

/**
 * The outbox schedules each notification's next send (`next_attempt_at`), so delivery claims due
 * rows in SQL with back-off after a failure, and indexes what it and the inbox read.
 */
export class OutboxSchedule1764200000001 implements MigrationInterface {
  name = 'OutboxSchedule1764200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const column = new TableColumn(c.varchar('next_attempt_at', 30, true));
    await queryRunner.addColumn('notifications', column);
    await queryRunner.query(`UPDATE notifications SET next_attempt_at = '${DUE_AT_ONCE}'`);
    const required = column.clone();
    required.isNullable = false;
    await queryRunner.changeColumn('notifications', column, required);
    await queryRunner.dropIndex('notifications', new TableIndex({ columnNames: ['sent_at'] }));
    await queryRunner.createIndices('notifications', [
      new TableIndex({ columnNames: ['sent_at', 'next_attempt_at'] }),
      new TableIndex({ columnNames: ['recipient_id', 'sent_at'] }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex(
      'notifications',
      new TableIndex({ columnNames: ['recipient_id', 'sent_at'] }),
    );
    await queryRunner.dropIndex(
      'notifications',
      new TableIndex({ columnNames: ['sent_at', 'next_attempt_at'] }),
    );
    await queryRunner.dropColumn('notifications', 'next_attempt_at');
    await queryRunner.createIndex('notifications', new TableIndex({ columnNames: ['sent_at'] }));
  }
}
