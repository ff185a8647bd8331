import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columns } from './column-builders.js';

/**
 * Delivery that reaches people: a notification is read in the app (`read_at`, null while unread,
 * indexed for the header's unread count) and may go by e-mail to the address an administrator
 * keeps on the person (`users.email`, none for most: they read notifications in the app only).
 */
export class NotificationDelivery1764700400000 implements MigrationInterface {
  name = 'NotificationDelivery1764700400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.addColumn('notifications', new TableColumn(c.varchar('read_at', 30, true)));
    await queryRunner.createIndex(
      'notifications',
      new TableIndex({ columnNames: ['recipient_id', 'read_at'] }),
    );
    await queryRunner.addColumn('users', new TableColumn(c.varchar('email', 254, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'email');
    await queryRunner.dropIndex(
      'notifications',
      new TableIndex({ columnNames: ['recipient_id', 'read_at'] }),
    );
    await queryRunner.dropColumn('notifications', 'read_at');
  }
}
