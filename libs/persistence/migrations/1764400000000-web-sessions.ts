import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { columns } from './column-builders.js';

/**
 * Browser sessions beside API tokens: a session's kind, and when it was last used, so that a
 * browser session ends after 30 idle minutes as well as 8 hours after sign-in.
 */
export class WebSessions1764400000000 implements MigrationInterface {
  name = 'WebSessions1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.addColumn('sessions', new TableColumn({ ...c.varchar('kind', 10), default: "'api'" }));
    await queryRunner.addColumn('sessions', new TableColumn(c.varchar('last_seen_at', 30, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('sessions', 'last_seen_at');
    await queryRunner.dropColumn('sessions', 'kind');
  }
}
