import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { columns } from './column-builders.js';

/** Failed logins per username and per client address (hashed), shared by every app instance. */
export class LoginAttempts1764300000000 implements MigrationInterface {
  name = 'LoginAttempts1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'login_attempts',
        columns: [
          c.id(),
          c.varchar('kind', 10),
          c.varchar('key_hash', 64),
          c.int('failures'),
          c.varchar('window_started_at', 30),
          c.varchar('locked_until', 30, true),
        ],
        indices: [
          new TableIndex({ columnNames: ['kind', 'key_hash'], isUnique: true }),
          new TableIndex({ columnNames: ['window_started_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('login_attempts');
  }
}
