import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './column-builders.js';

/**
 * Claimed Idempotency-Keys and one-time form tokens, per user, with the answer to replay: one key
 * creates one record, however many times (or however concurrently) it is sent.
 */
export class IdempotencyKeys1764500006000 implements MigrationInterface {
  name = 'IdempotencyKeys1764500006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          c.id(),
          c.int('user_id'),
          c.varchar('scope', 10),
          c.varchar('key_hash', 64),
          c.varchar('request_hash', 64),
          c.varchar('state', 10),
          c.int('response_status', true),
          c.text('response_body', true),
          c.varchar('created_at', 30),
          c.varchar('expires_at', 30),
        ],
        indices: [
          new TableIndex({ columnNames: ['user_id', 'scope', 'key_hash'], isUnique: true }),
          new TableIndex({ columnNames: ['expires_at'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_keys');
  }
}
