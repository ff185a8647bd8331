import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { columns } from './column-builders.js';

/**
 * Set when an administrator sets or resets a person's password: they choose their own at their
 * next sign-in. Existing people (and the demo's) keep theirs: false.
 */
export class PasswordMustChange1764500005000 implements MigrationInterface {
  name = 'PasswordMustChange1764500005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.addColumn('users', new TableColumn(c.bool('password_must_change', false)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'password_must_change');
  }
}
