import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columns } from './column-builders.js';

/**
 * A social worker is their cases' worker by a key (the register's worker id or e-mail), never by
 * a name: two people may share a name, and an administrator may give a second user any name. The
 * key is stored on both sides so that "this user holds this case" is one indexed join in SQL; no
 * two users may hold one key.
 */
export class WorkerKeys1764500003000 implements MigrationInterface {
  name = 'WorkerKeys1764500003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.addColumn('users', new TableColumn(c.varchar('worker_key', 120, true)));
    await queryRunner.createIndex(
      'users',
      new TableIndex({ name: 'IDX_users_worker_key', columnNames: ['worker_key'], isUnique: true }),
    );
    await queryRunner.addColumn('cases', new TableColumn(c.varchar('worker_key', 120, true)));
    await queryRunner.createIndex(
      'cases',
      new TableIndex({ name: 'IDX_cases_worker_key', columnNames: ['worker_key'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('cases', 'IDX_cases_worker_key');
    await queryRunner.dropColumn('cases', 'worker_key');
    await queryRunner.dropIndex('users', 'IDX_users_worker_key');
    await queryRunner.dropColumn('users', 'worker_key');
  }
}
